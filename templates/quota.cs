<?cs # quota.cs: the incident-submitter quota. Page.view: own (the organisation's use, maximum, the colleagues
   who count and the certified experts who do not) or orgs (the vendor: every customer, with a form per row). ?><?cs set:Page.title = Lang.Quota.title ?><?cs set:Req.section = "users" ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Quota.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.view == "own" ?>
<p id="use"><?cs var:Lang.Quota.in_use ?> <strong><?cs var:Page.used ?></strong> <?cs var:Lang.Quota.of ?> <strong><?cs var:Page.max ?></strong><?cs if:Page.class ?> <span class="hint">(<?cs var:Page.class ?><?cs if:Page.override ?>, <?cs var:Lang.Quota.by_vendor ?><?cs /if ?>)</span><?cs /if ?></p>
<?cs if:Page.over ?><p class="warning" id="over"><?cs var:Lang.Quota.over_text ?></p><?cs elif:Page.full ?><p class="warning" id="full"><?cs var:Lang.Quota.full_text ?></p><?cs /if ?>
<p class="hint"><?cs var:Lang.Quota.intro ?></p>
<h2><?cs var:Lang.Quota.holders ?></h2>
<?cs if:subcount(Page.holders) ?><ul id="holders"><?cs each:u = Page.holders ?><li><a href="/rights/users/<?cs var:u.id ?>"><?cs var:u.name ?></a> <span class="hint">(<?cs var:u.email ?>, <?cs var:u.status ?><?cs if:!u.counts ?>, <?cs var:Lang.Quota.not_counted ?><?cs /if ?>)</span></li><?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Quota.nobody ?></p><?cs /if ?>
<h2><?cs var:Lang.Quota.experts ?></h2>
<?cs if:subcount(Page.experts) ?><ul id="experts"><?cs each:u = Page.experts ?><li><?cs var:u.name ?> <span class="hint">(<?cs var:u.email ?><?cs if:u.holds ?>, <?cs var:Lang.Quota.holds_free ?><?cs /if ?>)</span></li><?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Quota.no_experts ?></p><?cs /if ?>
<?cs elif:Page.view == "orgs" ?>
<p class="hint"><?cs var:Lang.Quota.vendor_intro ?></p>
<div class="table-wrap"><table class="list" id="orgs"><thead><tr><th scope="col"><?cs var:Lang.Incidents.org ?></th><th scope="col"><?cs var:Lang.Quota.in_use ?></th><th scope="col"><?cs var:Lang.Quota.state ?></th><th scope="col"><?cs var:Lang.Quota.set ?></th></tr></thead>
<tbody><?cs each:o = Page.orgs ?><tr id="org-<?cs var:o.id ?>"<?cs if:o.over ?> class="over"<?cs /if ?>><td><?cs var:o.name ?></td><td><?cs var:o.used ?> / <?cs var:o.max ?></td><td><?cs var:o.state ?></td>
<td><form method="post" action="/quota/orgs/<?cs var:o.id ?>" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="c-<?cs var:o.id ?>" class="sr-only"><?cs var:Lang.Quota.size ?></label><select id="c-<?cs var:o.id ?>" name="size_class"><?cs each:c = Page.classes ?><option value="<?cs var:c.id ?>"<?cs if:c.id == o.size_class ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?></select>
<label for="o-<?cs var:o.id ?>"><?cs var:Lang.Quota.override ?></label><input type="number" id="o-<?cs var:o.id ?>" name="override" min="0" max="100000" value="<?cs var:o.override ?>">
<button type="submit"><?cs var:Lang.Users.save ?></button></form></td></tr>
<?cs /each ?></tbody></table></div>
<?cs /if ?>
<?cs include:"footer.cs" ?>
