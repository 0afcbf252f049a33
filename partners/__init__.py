"""The partner directory: researcher profiles, institutions, research areas,
publications, staff verification and the contact relay.

Public surface for other apps: the privacy hooks in `partners.privacy` and the demo
data in `partners.demo`; nothing else is imported from outside. See
docs/partners.md.
"""
