// Møtet: the seats filled per party and the quorum, recomputed as the secretariat ticks who is present.
// The page works without it (the server computes both when the form is saved); the rules mirror
// MeetingRules.StandIns and MeetingRules.HasQuorum.
(function () {
  'use strict';
  var form = document.querySelector('form[data-attendance]');
  if (!form) { return; }
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name=present]'));
  var quorum = form.querySelector('[data-quorum]');

  function update() {
    var present = {};
    boxes.forEach(function (b) { if (b.checked) { present[b.value] = true; } });
    var members = boxes.filter(function (b) { return b.dataset.role === 'member'; });
    var stoodIn = {};
    boxes.filter(function (b) { return b.dataset.role === 'deputy' && b.checked; }).forEach(function (d) {
      var replaced = null;
      if (d.dataset.for && !present[d.dataset.for]) {
        replaced = d.dataset.for;
      } else if (d.dataset.order) {
        var free = members.filter(function (m) { return m.dataset.party === d.dataset.party && !present[m.value] && !stoodIn[m.value]; })[0];
        replaced = free ? free.value : null;
      }
      if (replaced) { stoodIn[replaced] = true; }
    });
    var half = {};
    ['municipalities', 'hospital'].forEach(function (party) {
      var seats = members.filter(function (m) { return m.dataset.party === party; });
      var filled = seats.filter(function (m) { return present[m.value] || stoodIn[m.value]; }).length;
      half[party] = seats.length > 0 && filled * 2 >= seats.length;
      var count = form.querySelector('[data-count="' + party + '"]');
      if (count) { count.textContent = '(' + filled + ' av ' + seats.length + ' plasser fylt)'; }
    });
    if (quorum) {
      var all = members.filter(function (m) { return present[m.value] || stoodIn[m.value]; }).length;
      var rule = quorum.dataset.quorum;
      var ok = rule === 'HalfOfEachParty' ? half.municipalities && half.hospital
        : rule === 'HalfOfMembers' ? members.length > 0 && all * 2 >= members.length : true;
      quorum.textContent = (ok ? 'Utvalget er vedtaksført' : 'Utvalget er ikke vedtaksført') + ' med dette oppmøtet';
    }
  }

  boxes.forEach(function (b) { b.addEventListener('change', update); });
})();
