/* import.js: progressive enhancement for the CSV import: a chosen file is read into the text box, so the
   form (which works without this script: paste the text) sends it as ordinary form data. */
document.querySelectorAll('input[type=file][data-fills]').forEach(function (input) {
  input.addEventListener('change', function () {
    var target = document.getElementById(input.getAttribute('data-fills'));
    var file = input.files && input.files[0];
    if (!target || !file) return;
    var reader = new FileReader();
    reader.onload = function () { target.value = String(reader.result).replace(/^\uFEFF/, ''); };
    reader.readAsText(file, 'utf-8');
  });
});
