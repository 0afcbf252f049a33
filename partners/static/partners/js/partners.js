/* Partner directory: type-ahead for the institution list on the profile form.
   Without JavaScript the plain <select> works on its own. */
(function () {
  "use strict";

  function enhance(select) {
    var url = select.getAttribute("data-options-url");
    if (!url) { return; }
    var wrapper = document.createElement("div");
    wrapper.className = "typeahead";
    var label = document.createElement("label");
    var input = document.createElement("input");
    var status = document.createElement("p");
    input.type = "search";
    input.id = select.id + "_search";
    input.setAttribute("autocomplete", "off");
    input.setAttribute("aria-controls", select.id);
    label.htmlFor = input.id;
    label.textContent = select.getAttribute("data-search-label") || "Find your institution";
    status.className = "helptext";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(label);
    wrapper.appendChild(input);
    wrapper.appendChild(status);
    select.parentNode.insertBefore(wrapper, select);

    var timer = null;
    var latest = 0;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        var ticket = ++latest;
        var params = new URLSearchParams({ q: input.value, institution: select.value });
        fetch(url + "?" + params.toString(), { headers: { "Accept": "text/html" } })
          .then(function (response) { return response.ok ? response.text() : null; })
          .then(function (html) {
            if (html === null || ticket !== latest) { return; }
            // The server escapes every name; the response is <option> elements only.
            select.innerHTML = html;
            var choices = select.querySelectorAll("option:not([value=''])");
            // One match and nothing chosen yet: choose it, as people expect.
            if (choices.length === 1 && !select.value) { choices[0].selected = true; }
            status.textContent = select.options[0].textContent;
          })
          .catch(function () { /* keep the current list */ });
      }, 250);
    });
  }

  document.querySelectorAll("select.js-institution-select").forEach(enhance);
})();
