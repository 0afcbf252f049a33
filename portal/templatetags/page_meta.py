"""`{% capture name %}…{% endcapture %}`: render part of a template once, use it twice.

base.html renders the title and meta-description blocks through it, so a page that
fills `{% block title %}` or `{% block meta_description %}` also fills its Open Graph
tags without repeating itself.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        # Already rendered (and escaped) template output: safe to print as it is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one name: {% capture x %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])
