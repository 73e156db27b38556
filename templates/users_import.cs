<?cs # users_import.cs: importing new colleagues from CSV: the form (paste, or pick a file: a small script
   reads it into the text box), then a preview with a verdict per row, then one all-or-nothing import. ?><?cs set:Page.title = Lang.Users.import ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Users.import ?></h1>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?><?cs if:Page.quota_link ?> <a href="/quota" id="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:Page.nrows ?><h2><?cs var:Lang.Users.import_preview ?></h2>
<div class="table-wrap"><table class="preview">
<thead><tr><th scope="col"><?cs var:Lang.Users.import_line ?></th><th scope="col"><?cs var:Lang.Users.col_name ?></th><th scope="col"><?cs var:Lang.Users.col_email ?></th><th scope="col"><?cs var:Lang.Users.col_mobile ?></th><th scope="col"><?cs var:Lang.Users.col_roles ?></th><th scope="col"><?cs var:Lang.Users.import_verdict ?></th></tr></thead>
<tbody>
<?cs each:row = Page.rows ?><tr><td><?cs var:row.line ?></td><td><?cs var:row.name ?></td><td><?cs var:row.email ?></td><td><?cs var:row.mobile ?></td>
<td><?cs each:ro = row.roles ?><?cs var:ro ?><?cs if:!last(ro) ?>, <?cs /if ?><?cs /each ?></td>
<td class="<?cs if:row.error ?>error<?cs elif:row.existing ?>skip<?cs else ?>ok<?cs /if ?>"><?cs if:row.error ?><?cs var:row.error ?><?cs elif:row.existing ?><?cs var:Lang.Users.import_existing ?><?cs else ?><?cs var:Lang.Users.import_ok ?><?cs /if ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Page.csv ?><form method="post" action="/users/import" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<input type="hidden" name="csv" value="<?cs var:Page.csv ?>">
<input type="hidden" name="confirm" value="1"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<p id="import-ready"><?cs if:Page.nnew == 1 ?><?cs var:Lang.Users.import_ready_one ?><?cs else ?><?cs var:Page.nnew ?> <?cs var:Lang.Users.import_ready ?><?cs /if ?><?cs if:Page.nexisting == 1 ?> <?cs var:Lang.Users.import_skipped_one ?><?cs elif:Page.nexisting > 1 ?> <?cs var:Page.nexisting ?> <?cs var:Lang.Users.import_skipped ?><?cs /if ?></p>
<button type="submit" id="import-go"><?cs var:Lang.Users.import_go ?></button>
</form><?cs /if ?><?cs /if ?>
<form method="post" action="/users/import" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<p><?cs var:Lang.Users.import_intro ?></p>
<pre class="example">voornaam;tussenvoegsel;achternaam;email;mobiel;rollen
Sanne;van;Dijk;sanne@example.nl;06 12345678;Medewerker|Klantbeeld</pre>
<label for="csv-file"><?cs var:Lang.Users.import_file ?></label>
<input id="csv-file" type="file" accept=".csv,text/csv" data-fills="csv">
<label for="csv"><?cs var:Lang.Users.import_text ?></label>
<textarea id="csv" name="csv" rows="10" required></textarea>
<button type="submit"><?cs var:Lang.Users.import_check ?></button>
</form>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<script src="/js/import.js"></script>
<?cs include:"footer.cs" ?>
