// The ranking list: the numbered selects stay the form's real fields; this
// script hides them and lets the member add, reorder and remove questions with
// buttons (keyboard and screen-reader friendly), writing the order back to the
// selects before the form is sent. Without JavaScript the selects work alone.
(function () {
  "use strict";
  var form = document.getElementById("ballot-form");
  if (!form) return;
  var selects = Array.prototype.slice.call(
    form.querySelectorAll("#ballot-selects select")
  );
  var max = selects.length;
  var chosenList = document.getElementById("ballot-chosen");
  var shortlist = document.getElementById("ballot-shortlist");
  var empty = document.getElementById("ballot-empty");
  var status = document.getElementById("ballot-status");
  var labels = document.getElementById("ballot-labels").dataset;
  var texts = {};
  Array.prototype.forEach.call(shortlist.children, function (li) {
    texts[li.dataset.id] = li.querySelector(".ballot-text").textContent;
  });
  var order = [];
  selects.forEach(function (select) {
    if (select.value && order.indexOf(select.value) === -1) order.push(select.value);
  });

  function say(message) {
    status.textContent = message;
  }

  function button(text, label, action, id) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button-small";
    b.textContent = text;
    b.setAttribute("aria-label", text + ": " + label);
    b.dataset.action = action;
    b.dataset.id = id;
    return b;
  }

  function render(focus) {
    chosenList.textContent = "";
    order.forEach(function (id, index) {
      var li = document.createElement("li");
      var span = document.createElement("span");
      span.className = "ballot-text";
      span.textContent = texts[id];
      li.appendChild(span);
      if (index > 0) li.appendChild(button(labels.up, texts[id], "up", id));
      if (index < order.length - 1) li.appendChild(button(labels.down, texts[id], "down", id));
      li.appendChild(button(labels.remove, texts[id], "remove", id));
      chosenList.appendChild(li);
    });
    empty.hidden = order.length > 0;
    Array.prototype.forEach.call(shortlist.children, function (li) {
      var id = li.dataset.id;
      var old = li.querySelector("button");
      if (old) li.removeChild(old);
      if (order.indexOf(id) === -1) {
        var add = button(labels.add, texts[id], "add", id);
        add.disabled = order.length >= max;
        li.appendChild(add);
        li.classList.remove("is-chosen");
      } else {
        li.classList.add("is-chosen");
      }
    });
    selects.forEach(function (select, index) {
      select.value = order[index] || "";
    });
    if (focus) {
      var target = form.querySelector(
        'button[data-id="' + focus.id + '"][data-action="' + focus.action + '"]'
      ) || form.querySelector('button[data-id="' + focus.id + '"]');
      if (target) target.focus();
    }
  }

  form.addEventListener("click", function (event) {
    var b = event.target.closest("button[data-action]");
    if (!b) return;
    var id = b.dataset.id;
    var at = order.indexOf(id);
    var action = b.dataset.action;
    if (action === "add") {
      if (order.length >= max) return say(labels.full);
      order.push(id);
      render({ id: id, action: "remove" });
      say(labels.added + " " + order.length + ": " + texts[id]);
    } else if (action === "remove") {
      order.splice(at, 1);
      render({ id: id, action: "add" });
      say(labels.removed + ": " + texts[id]);
    } else {
      var to = action === "up" ? at - 1 : at + 1;
      order.splice(at, 1);
      order.splice(to, 0, id);
      render({ id: id, action: action });
      say(labels.moved + " " + (to + 1) + ": " + texts[id]);
    }
  });

  // Server-side errors name a select: keep the selects visible then.
  if (!form.querySelector("#ballot-selects .field-error")) {
    document.getElementById("ballot-selects").hidden = true;
    document.getElementById("ballot-enhanced").hidden = false;
    render();
  }
})();
