<?cs # orgs.cs: the vendor's organisations. Page.view: list (search, the customers with their admins, quota use,
   open incidents and last contact check), new (the form for a new customer: size class, role sets, on-request
   roles, first admin) or org (one customer's facts and the roles it may use; while it has no admin of its
   own, its invited admins and invitations). ?><?cs if:Page.view == "new" ?><?cs set:Page.title = Lang.Orgs.new ?><?cs else ?><?cs set:Page.title = Lang.Orgs.title ?><?cs /if ?><?cs include:"header.cs" ?>
<?cs if:Page.view != "list" ?><p class="crumbs"><a href="/orgs"><?cs var:Lang.Orgs.title ?></a> ›</p><?cs /if ?>
<h1><?cs if:Page.view == "org" ?><?cs var:Page.org.name ?><?cs elif:Page.view == "new" ?><?cs var:Lang.Orgs.new ?><?cs else ?><?cs var:Lang.Orgs.title ?><?cs /if ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.view == "list" ?>
<p><a class="button" href="/orgs/new" id="new-org"><?cs var:Lang.Orgs.new ?></a></p>
<form method="get" action="/orgs" class="filters"><label for="q"><?cs var:Lang.Orgs.search ?></label><input type="search" id="q" name="q" maxlength="100" value="<?cs var:Page.q ?>"><button type="submit"><?cs var:Lang.Users.filter ?></button></form>
<div class="table-wrap"><table class="list" id="orgs"><thead><tr><th scope="col"><?cs var:Lang.Orgs.name ?></th><th scope="col"><?cs var:Lang.Quota.size ?></th><th scope="col"><?cs var:Lang.Orgs.admins ?></th><th scope="col"><?cs var:Lang.Orgs.quota ?></th><th scope="col"><?cs var:Lang.Orgs.open ?></th><th scope="col"><?cs var:Lang.Orgs.checked ?></th></tr></thead>
<tbody><?cs each:o = Page.orgs ?><tr id="org-<?cs var:o.id ?>"><td><a href="/orgs/<?cs var:o.id ?>"><?cs var:o.name ?></a></td><td><?cs var:o.size_class ?></td><td><?cs var:o.admins ?><?cs if:o.few_admins ?> <span class="tag warn"><?cs if:o.admins == 0 ?><?cs var:Lang.Orgs.no_admin ?><?cs else ?><?cs var:Lang.Orgs.few_admins ?><?cs /if ?></span><?cs /if ?></td><td><?cs var:o.quota ?></td><td><?cs var:o.open ?></td><td><?cs var:o.checked ?></td></tr>
<?cs /each ?></tbody></table></div>
<?cs if:Page.next || Page.first ?><p><?cs if:Page.first ?><a href="<?cs var:Page.first ?>" id="first-page"><?cs var:Lang.Orgs.first ?></a><?cs /if ?><?cs if:Page.next && Page.first ?> · <?cs /if ?><?cs if:Page.next ?><a href="<?cs var:Page.next ?>" rel="next" id="next-page"><?cs var:Lang.Orgs.more ?></a><?cs /if ?></p><?cs /if ?>
<?cs elif:Page.view == "new" ?>
<form method="post" action="/orgs" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="name"><?cs var:Lang.Orgs.name ?></label><input type="text" id="name" name="name" required minlength="2" maxlength="200" value="<?cs if:Form.v.name ?><?cs var:Form.v.name ?><?cs else ?><?cs var:Page.v.name ?><?cs /if ?>"<?cs call:field_invalid("name") ?><?cs if:Page.error_field == "name" && !Form.invalid.name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("name") ?>
<label for="size_class"><?cs var:Lang.Quota.size ?></label><select id="size_class" name="size_class"><?cs each:c = Page.classes ?><option value="<?cs var:c.id ?>"<?cs if:c.id == Page.v.size_class ?> selected<?cs /if ?>><?cs var:c.label ?></option><?cs /each ?></select>
<?cs include:"orgs_roles.cs" ?>
<fieldset><legend><?cs var:Lang.Orgs.first_admin ?></legend>
<label for="given_name"><?cs var:Lang.Dossiers.req_given ?></label><input type="text" id="given_name" name="given_name" required maxlength="100" value="<?cs if:Form.v.given_name ?><?cs var:Form.v.given_name ?><?cs else ?><?cs var:Page.v.given_name ?><?cs /if ?>"<?cs call:field_invalid("given_name") ?><?cs if:Page.error_field == "given_name" && !Form.invalid.given_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("given_name") ?>
<label for="family_name"><?cs var:Lang.Dossiers.req_family ?></label><input type="text" id="family_name" name="family_name" required maxlength="100" value="<?cs if:Form.v.family_name ?><?cs var:Form.v.family_name ?><?cs else ?><?cs var:Page.v.family_name ?><?cs /if ?>"<?cs call:field_invalid("family_name") ?><?cs if:Page.error_field == "family_name" && !Form.invalid.family_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("family_name") ?>
<label for="email"><?cs var:Lang.Login.email ?></label><input type="email" id="email" name="email" required maxlength="254" value="<?cs if:Form.v.email ?><?cs var:Form.v.email ?><?cs else ?><?cs var:Page.v.email ?><?cs /if ?>"<?cs call:field_invalid("email") ?><?cs if:Page.error_field == "email" && !Form.invalid.email ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("email") ?>
<label for="mobile"><?cs var:Lang.Users.col_mobile ?></label><input type="tel" id="mobile" name="mobile" required maxlength="20" value="<?cs if:Form.v.mobile ?><?cs var:Form.v.mobile ?><?cs else ?><?cs var:Page.v.mobile ?><?cs /if ?>"<?cs call:field_invalid("mobile") ?><?cs if:Page.error_field == "mobile" && !Form.invalid.mobile ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("mobile") ?></fieldset>
<button type="submit"><?cs var:Lang.Orgs.create ?></button></form>
<?cs elif:Page.view == "org" ?>
<dl class="facts"><dt><?cs var:Lang.Quota.size ?></dt><dd><?cs var:Page.org.size_class ?></dd>
<dt><?cs var:Lang.Orgs.admins ?></dt><dd id="admins"><?cs var:Page.org.admins ?></dd>
<dt><?cs var:Lang.Orgs.quota ?></dt><dd><?cs var:Page.org.quota ?></dd>
<dt><?cs var:Lang.Orgs.open ?></dt><dd><?cs var:Page.org.open ?></dd>
<dt><?cs var:Lang.Orgs.checked ?></dt><dd><?cs var:Page.org.checked ?></dd></dl>
<form method="post" action="/orgs/<?cs var:Page.org.id ?>/roles" class="card" id="roles" aria-labelledby="h-roles"><h2 id="h-roles"><?cs var:Lang.Orgs.roles ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs include:"orgs_roles.cs" ?>
<p class="hint"><?cs var:Lang.Orgs.roles_hint ?></p>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<section class="card" id="experts" aria-labelledby="h-experts"><h2 id="h-experts"><?cs var:Lang.Orgs.experts ?></h2>
<p class="hint"><?cs var:Lang.Orgs.experts_intro ?></p>
<?cs if:subcount(Page.experts) ?><ul id="expert-list"><?cs each:x = Page.experts ?><li><?cs var:x.email ?><?cs if:x.since ?> (<?cs var:Lang.Users.expert_since ?> <?cs var:x.since ?>)<?cs /if ?>
<form method="post" action="/orgs/<?cs var:Page.org.id ?>/experts" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="email" value="<?cs var:x.email ?>"><input type="hidden" name="action" value="clear"><button type="submit" class="link"><?cs var:Lang.Orgs.uncertify ?></button></form></li><?cs /each ?></ul>
<?cs else ?><p id="no-experts"><?cs var:Lang.Orgs.no_experts ?></p><?cs /if ?>
<form method="post" action="/orgs/<?cs var:Page.org.id ?>/experts"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="action" value="certify">
<label for="expert-email"><?cs var:Lang.Orgs.expert_email ?></label><input type="email" id="expert-email" name="email" required maxlength="254">
<label for="expert-date"><?cs var:Lang.Orgs.expert_date ?></label><input type="date" id="expert-date" name="date" required>
<button type="submit"><?cs var:Lang.Orgs.certify ?></button></form></section>
<p><a href="/documents/orgs/<?cs var:Page.org.id ?>" id="org-documents"><?cs var:Lang.Docs.title ?> (<?cs var:Lang.Docs.invoices ?>, <?cs var:Lang.Docs.finance ?>)</a></p>
<?cs if:Page.bootstrap ?><section class="card" aria-labelledby="h-boot"><h2 id="h-boot"><?cs var:Lang.Orgs.bootstrap ?></h2>
<p><?cs var:Lang.Orgs.bootstrap_intro ?></p>
<form method="post" action="/support/desk/<?cs var:Page.org.id ?>" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary" id="enter"><?cs var:Lang.Support.enter ?></button></form>
<?cs if:subcount(Page.invited) ?><ul id="invited"><?cs each:u = Page.invited ?><li><?cs var:u.name ?> (<?cs var:u.email ?>) <form method="post" action="/orgs/<?cs var:Page.org.id ?>/admins" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="again" value="<?cs var:u.id ?>"><button type="submit" class="link"><?cs var:Lang.Orgs.again ?></button></form></li><?cs /each ?></ul><?cs /if ?>
<form method="post" action="/orgs/<?cs var:Page.org.id ?>/admins"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="given_name"><?cs var:Lang.Dossiers.req_given ?></label><input type="text" id="given_name" name="given_name" required maxlength="100">
<label for="family_name"><?cs var:Lang.Dossiers.req_family ?></label><input type="text" id="family_name" name="family_name" required maxlength="100">
<label for="email"><?cs var:Lang.Login.email ?></label><input type="email" id="email" name="email" required maxlength="254">
<label for="mobile"><?cs var:Lang.Users.col_mobile ?></label><input type="tel" id="mobile" name="mobile" required maxlength="20">
<button type="submit"><?cs var:Lang.Orgs.invite ?></button></form></section>
<?cs else ?><p id="own-admin"><?cs var:Lang.Orgs.own_admin ?></p><?cs /if ?>
<?cs /if ?>
<?cs include:"footer.cs" ?>
