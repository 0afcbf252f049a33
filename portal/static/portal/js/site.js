// The site's one script: progressive enhancement only, every page works without it.
//
// It replaces the few parts of htmx the pages used, keeping the same attributes
// and the HX-Request header the views already read (django-htmx):
//   <form hx-post hx-target="#id" hx-swap="outerHTML">   post, swap the answer in
//   <input hx-get hx-target="#id" hx-trigger="... delay:500ms">   fetch while typing
//   hx-swap-oob="true" on an element of the answer   also replaces that id
//   HX-Redirect response header   go there
// and adds, for forms that redirect back to a full page:
//   <form data-inplace="#id">   post, then take #id from the page it lands on
//   <a data-inline-form="#id">   load the linked page's form here, posted in place
// Messages of the page landed on are shown in the current page's live region.
(function () {
  "use strict";

  var busy = "htmx-request";

  function csrfHeaders(extra) {
    var headers = extra || {};
    var raw = document.body.getAttribute("hx-headers");
    if (raw) {
      try {
        var parsed = JSON.parse(raw);
        Object.keys(parsed).forEach(function (k) { headers[k] = parsed[k]; });
      } catch (e) { /* no extra headers */ }
    }
    return headers;
  }

  function parse(html) {
    return new DOMParser().parseFromString(html, "text/html");
  }

  function settle(target) {
    document.dispatchEvent(new CustomEvent("htmx:afterSettle", { detail: { target: target } }));
  }

  function swapOuter(current, html) {
    var doc = parse(html);
    doc.querySelectorAll("[hx-swap-oob]").forEach(function (el) {
      var old = el.id && document.getElementById(el.id);
      el.removeAttribute("hx-swap-oob");
      if (old) { old.replaceWith(document.importNode(el, true)); }
      el.remove();
    });
    var fresh = doc.body.firstElementChild;
    if (!fresh) { return; }
    var node = document.importNode(fresh, true);
    current.replaceWith(node);
    settle(node);
  }

  function showMessages(doc) {
    var found = doc.querySelector(".messages");
    if (!found) { return; }
    var here = document.querySelector("main .messages");
    var node = document.importNode(found, true);
    if (here) { here.replaceWith(node); } else { document.getElementById("main").prepend(node); }
  }

  function send(url, options) {
    options.credentials = "same-origin";
    return fetch(url, options).then(function (response) {
      var redirect = response.headers.get("HX-Redirect");
      if (redirect) { window.location.assign(redirect); return null; }
      return response.text().then(function (text) { return { response: response, text: text }; });
    });
  }

  // Forms that post and swap the fragment they get back (the vote box).
  function htmxForm(form, submitter) {
    var target = document.querySelector(form.getAttribute("hx-target")) || form;
    target.classList.add(busy);
    return send(form.getAttribute("hx-post"), {
      method: "POST",
      body: new FormData(form, submitter),
      headers: csrfHeaders({ "HX-Request": "true" }),
    }).then(function (answer) {
      target.classList.remove(busy);
      if (answer && answer.response.status === 200) { swapOuter(target, answer.text); }
      else if (answer) { form.submit(); }
    }).catch(function () { target.classList.remove(busy); form.submit(); });
  }

  // Forms that post as usual: the element named by data-inplace is taken from
  // the page the redirect lands on (or, on a form error, the form is replaced).
  function inplaceForm(form, submitter) {
    var selector = form.getAttribute("data-inplace");
    var target = document.querySelector(selector);
    form.classList.add(busy);
    // Not form.action: a field named "action" (the follow form has one) hides it.
    var action = new URL(form.getAttribute("action") || "", window.location.href).href;
    return send(action, { method: "POST", body: new FormData(form, submitter) })
      .then(function (answer) {
        form.classList.remove(busy);
        if (!answer) { return; }
        var doc = parse(answer.text);
        var fresh = doc.querySelector(selector);
        if (answer.response.ok && fresh && target) {
          showMessages(doc);
          if (form.hasAttribute("data-inline")) { form.remove(); }
          var node = document.importNode(fresh, true);
          target.replaceWith(node);
          var focusable = node.matches("button, a") ? node : node.querySelector("button, a");
          if (focusable) { focusable.focus(); }
          settle(node);
          return;
        }
        var again = doc.querySelector("main form[method=post]");
        if (again && form.hasAttribute("data-inline")) {
          prepareInline(again, form.getAttribute("action"), selector);
          form.replaceWith(again);
          var field = again.querySelector("[aria-invalid], input, textarea, select");
          if (field) { field.focus(); }
        } else {
          window.location.assign(answer.response.url);
        }
      }).catch(function () { form.classList.remove(busy); form.submit(); });
  }

  function prepareInline(form, action, selector) {
    form.setAttribute("action", new URL(form.getAttribute("action") || action, action).href);
    form.setAttribute("data-inplace", selector);
    form.setAttribute("data-inline", "");
    form.classList.add("inline-panel");
    var cancel = form.querySelector("a");
    if (cancel) {
      cancel.addEventListener("click", function (event) {
        event.preventDefault();
        form.remove();
      });
    }
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter || null;
    if (form.hasAttribute("hx-post")) {
      event.preventDefault();
      htmxForm(form, submitter);
    } else if (form.hasAttribute("data-inplace")) {
      event.preventDefault();
      inplaceForm(form, submitter);
    }
  });

  // Links that open a small form (a report) under themselves instead of a new page.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-inline-form]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    event.preventDefault();
    var holder = link.parentNode;
    if (holder.querySelector("form[data-inline]")) { return; }
    send(link.href, { method: "GET" }).then(function (answer) {
      if (!answer || !answer.response.ok) { window.location.assign(link.href); return; }
      var form = parse(answer.text).querySelector("main form[method=post]");
      if (!form) { window.location.assign(link.href); return; }
      form = document.importNode(form, true);
      prepareInline(form, answer.response.url, link.getAttribute("data-inline-form"));
      holder.appendChild(form);
      var field = form.querySelector("input:not([type=hidden]), textarea, select");
      if (field) { field.focus(); }
    });
  });

  // Fields that fetch a fragment while typing (similar priorities).
  document.querySelectorAll("[hx-get][hx-target]").forEach(function (input) {
    var timer = null;
    var last = input.value;
    var delay = /delay:(\d+)ms/.exec(input.getAttribute("hx-trigger") || "");
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        if (input.value === last) { return; }
        last = input.value;
        var url = new URL(input.getAttribute("hx-get"), window.location.href);
        url.searchParams.set(input.name, input.value);
        send(url.href, { method: "GET", headers: { "HX-Request": "true" } }).then(function (answer) {
          var target = document.querySelector(input.getAttribute("hx-target"));
          if (answer && target && answer.response.ok) {
            target.innerHTML = parse(answer.text).body.innerHTML;
          }
        });
      }, delay ? Number(delay[1]) : 300);
    });
  });

  // Folded parts (the header menu, long filter forms) are open on wide screens;
  // browsers that cannot style the content of a closed <details> get them opened.
  if (!(window.CSS && CSS.supports("selector(::details-content)"))) {
    var menu = document.querySelector("details.site-menu");
    if (menu) { menu.open = window.matchMedia("(min-width: 60rem)").matches; }
    if (window.matchMedia("(min-width: 48rem)").matches) {
      document.querySelectorAll("details.fold").forEach(function (d) { d.open = true; });
    }
  }
})();
