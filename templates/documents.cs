<?cs # documents.cs: documents from the vendor to an organisation. Page.view: list (the categories the user holds:
   invoices, financial documents; newest first, with a link to older ones) or org (the vendor's page for one
   customer: its documents per category, withdraw, and the upload form). ?><?cs set:Page.title = Lang.Docs.title ?><?cs include:"header.cs" ?>
<?cs if:Page.view == "org" ?><p class="crumbs"><a href="/orgs/<?cs var:Page.org.id ?>"><?cs var:Page.org.name ?></a> ›</p><?cs /if ?>
<h1><?cs var:Lang.Docs.title ?><?cs if:Page.view == "org" ?>: <?cs var:Page.org.name ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs each:c = Page.cats ?><section aria-labelledby="h-<?cs var:c.key ?>"><h2 id="h-<?cs var:c.key ?>"><?cs var:c.label ?></h2>
<?cs if:subcount(c.docs) ?><div class="table-wrap"><table class="list" id="docs-<?cs var:c.key ?>"><thead><tr><th scope="col"><?cs var:Lang.Docs.doc_title ?></th><th scope="col"><?cs var:Lang.Docs.file ?></th><th scope="col"><?cs var:Lang.Docs.date ?></th><?cs if:Page.view == "org" ?><th scope="col"><?cs var:Lang.Docs.by ?></th><th scope="col"></th><?cs /if ?></tr></thead>
<tbody><?cs each:d = c.docs ?><tr id="doc-<?cs var:d.id ?>"><td><a href="/documents/<?cs var:d.id ?>"><?cs var:d.title ?></a></td><td><?cs var:d.filename ?> (<?cs var:d.kb ?> kB)</td><td><?cs var:d.created ?></td><?cs if:Page.view == "org" ?><td><?cs var:d.by ?></td>
<td><form method="post" action="/documents/<?cs var:d.id ?>/withdraw" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="link"><?cs var:Lang.Docs.withdraw ?></button></form></td><?cs /if ?></tr>
<?cs /each ?></tbody></table></div>
<?cs if:c.older && Page.view == "list" ?><p><a href="/documents?c=<?cs var:c.key ?>&amp;before=<?cs var:c.older ?>" rel="next"><?cs var:Lang.Docs.older ?></a></p><?cs /if ?>
<?cs else ?><p class="hint"><?cs var:Lang.Docs.none ?></p><?cs /if ?></section>
<?cs /each ?>
<?cs if:Page.view == "org" ?><form method="post" action="/documents/orgs/<?cs var:Page.org.id ?>" enctype="multipart/form-data" class="card" aria-labelledby="h-up"><h2 id="h-up"><?cs var:Lang.Docs.upload ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="category"><?cs var:Lang.Docs.category ?></label><select id="category" name="category"><option value="invoices"<?cs if:Page.form.category == "invoices" ?> selected<?cs /if ?>><?cs var:Lang.Docs.invoices ?></option><option value="finance"<?cs if:Page.form.category == "finance" ?> selected<?cs /if ?>><?cs var:Lang.Docs.finance ?></option></select>
<label for="title"><?cs var:Lang.Docs.doc_title ?></label><input type="text" id="title" name="title" required minlength="2" maxlength="200" value="<?cs var:Page.form.title ?>">
<label for="file"><?cs var:Lang.Docs.file ?></label><input type="file" id="file" name="file" required accept=".pdf,application/pdf">
<p class="hint"><?cs var:Lang.Docs.upload_hint ?></p>
<button type="submit"><?cs var:Lang.Docs.upload ?></button></form><?cs /if ?>
<?cs include:"footer.cs" ?>
