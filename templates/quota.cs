<?cs # quota.cs: the incident-submitter quota. Page.view: own (the organisation's use, maximum, the colleagues
   who count and the certified experts who do not) or orgs (the vendor: every customer, with a form per row). ?><?cs set:Page.title = Lang.Quota.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Quota.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.view == "own" ?>
<p id="use"><?cs var:Lang.Quota.in_use ?> <strong><?cs var:Page.used ?></strong> <?cs var:Lang.Quota.of ?> <strong><?cs var:Page.max ?></strong>.<?cs if:Page.override ?> <span class="hint"><?cs var:Lang.Quota.max_by_vendor ?></span><?cs elif:Page.class ?> <span class="hint"><?cs var:Lang.Quota.max_for ?> <?cs var:Page.class ?>.</span><?cs /if ?></p>
<?cs if:Page.over ?><p class="warning" id="over"><?cs var:Lang.Quota.over_text ?></p><?cs elif:Page.full ?><p class="warning" id="full"><?cs var:Lang.Quota.full_text ?></p><?cs /if ?>
<p class="hint"><?cs var:Lang.Quota.intro ?></p>
<?cs if:Page.people ?><h2><?cs var:Lang.Quota.holders ?></h2>
<?cs if:subcount(Page.holders) ?><ul id="holders"><?cs each:u = Page.holders ?><li id="p-<?cs var:u.id ?>"><a href="/rights/users/<?cs var:u.id ?>"><?cs var:u.name ?></a> <span class="hint">(<?cs var:u.email ?>, <?cs var:u.status ?><?cs if:!u.counts ?>, <?cs var:Lang.Quota.not_counted ?><?cs /if ?>)</span></li><?cs /each ?></ul>
<?cs elif:!Page.first ?><p><?cs var:Lang.Quota.nobody ?></p><?cs /if ?>
<h2><?cs var:Lang.Quota.experts ?></h2>
<?cs if:subcount(Page.experts) ?><ul id="experts"><?cs each:u = Page.experts ?><li id="p-<?cs var:u.id ?>"><?cs var:u.name ?> <span class="hint">(<?cs var:u.email ?><?cs if:u.holds ?>, <?cs var:Lang.Quota.holds_free ?><?cs /if ?>)</span></li><?cs /each ?></ul>
<?cs elif:!Page.first ?><p><?cs var:Lang.Quota.no_experts ?></p><?cs /if ?>
<?cs include:"keyset_pages.cs" ?><?cs else ?><p id="ask-admin"><?cs var:Lang.Quota.ask_admin ?></p><?cs /if ?>
<?cs elif:Page.view == "orgs" ?>
<p class="hint"><?cs var:Lang.Quota.vendor_intro ?></p>
<p id="over-count"><?cs if:Page.over_count > 0 ?><a href="/quota/orgs?state=over"><?cs var:Page.over_count ?> <?cs var:Lang.Quota.over_count ?></a><?cs else ?><?cs var:Lang.Quota.none_over ?><?cs /if ?></p>
<form method="get" action="/quota/orgs" class="filters" role="search">
<div class="field"><label for="q"><?cs var:Lang.Orgs.search ?></label>
<input id="q" name="q" type="search" maxlength="100" value="<?cs var:Page.q ?>"></div>
<div class="field"><label for="state"><?cs var:Lang.Quota.state ?></label>
<select id="state" name="state"><option value=""><?cs var:Lang.Quota.all_customers ?></option>
<option value="over"<?cs if:Page.state == "over" ?> selected<?cs /if ?>><?cs var:Lang.Quota.over ?></option></select></div>
<button type="submit"><?cs var:Lang.Users.filter ?></button>
</form>
<div class="table-wrap"><table class="list" id="orgs"><thead><tr><th scope="col"><?cs var:Lang.Incidents.org ?></th><th scope="col"><?cs var:Lang.Quota.in_use ?></th><th scope="col"><?cs var:Lang.Quota.state ?></th><th scope="col"><?cs var:Lang.Quota.set ?></th></tr></thead>
<tbody><?cs each:o = Page.orgs ?><tr id="org-<?cs var:o.id ?>"<?cs if:o.over ?> class="over"<?cs /if ?>><td><?cs var:o.name ?></td><td><?cs var:o.used ?> / <?cs var:o.max ?></td><td><?cs var:o.state ?></td>
<td><form method="post" action="/quota/orgs/<?cs var:o.id ?>" class="inline-form"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="c-<?cs var:o.id ?>" class="sr-only"><?cs var:Lang.Quota.size ?></label><select id="c-<?cs var:o.id ?>" name="size_class"><?cs each:c = Page.classes ?><option value="<?cs var:c.id ?>"<?cs if:c.id == o.size_class ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?></select>
<label for="o-<?cs var:o.id ?>"><?cs var:Lang.Quota.override ?></label><input type="number" id="o-<?cs var:o.id ?>" name="override" min="0" max="100000" value="<?cs var:o.override ?>">
<button type="submit"><?cs var:Lang.Users.save ?></button></form></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Page.count == 0 ?><p id="no-results"><?cs var:Lang.Quota.none_found ?></p><?cs /if ?>
<nav class="pages" aria-label="<?cs var:Lang.Users.pages ?>">
<?cs if:Page.first ?><a href="<?cs var:Page.first ?>"><?cs var:Lang.Users.first_page ?></a><?cs /if ?>
<?cs if:Page.next ?><a href="<?cs var:Page.next ?>" rel="next" id="next-page"><?cs var:Lang.Users.next_page ?></a><?cs /if ?>
</nav>
<?cs /if ?>
<?cs include:"footer.cs" ?>
