<?cs # users_view.cs: one colleague: details, and for users.manage the edit form and the actions. The
   number is shown in full only in the admin's edit form (CRY-04). ?><?cs set:Page.title = Page.u.name ?><?cs include:"header.cs" ?>
<h1><?cs var:Page.u.name ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?><?cs if:Page.quota_link ?> <a href="/quota" id="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?><?cs if:Page.reauth ?> <a href="<?cs var:Page.reauth ?>" id="reauth-link"><?cs var:Lang.Users.reauth_link ?></a><?cs /if ?></p><?cs /if ?>
<?cs if:Page.u.invite_void ?><p class="warning" id="invite-void"><?cs var:Page.u.invite_void ?></p><?cs /if ?>
<section class="card" aria-labelledby="h-facts">
<h2 id="h-facts"><?cs var:Lang.Users.details ?></h2>
<dl class="facts">
<dt><?cs var:Lang.Users.col_status ?></dt><dd id="u-status"><?cs if:Page.u.status == "invited" ?><?cs var:Lang.Users.st_invited ?><?cs elif:Page.u.status == "active" ?><?cs var:Lang.Users.st_active ?><?cs else ?><?cs var:Lang.Users.st_disabled ?><?cs /if ?></dd>
<dt><?cs var:Lang.Users.col_email ?></dt><dd><?cs var:Page.u.email ?></dd>
<?cs if:!Page.manage ?><dt><?cs var:Lang.Users.col_mobile ?></dt><dd><?cs var:Page.u.mobile ?></dd><?cs /if ?>
<dt><?cs var:Lang.Users.mobile_state ?></dt><dd><?cs if:Page.u.mobile_ok ?><?cs var:Lang.Users.confirmed ?><?cs else ?><?cs var:Lang.Users.unconfirmed ?><?cs /if ?></dd>
<?cs if:Page.u.show_expert ?><dt><?cs var:Lang.Users.expert_label ?></dt><dd id="u-expert"><?cs if:Page.u.expert ?><?cs var:Lang.Users.expert_yes ?><?cs if:Page.u.certified_at ?> (<?cs var:Lang.Users.expert_since ?> <?cs var:Page.u.certified_at ?>)<?cs /if ?><?cs else ?><?cs var:Lang.Users.expert_no ?><?cs /if ?></dd><?cs /if ?>
<dt><?cs var:Lang.Users.col_roles ?></dt><dd><?cs each:ro = Page.u.roles ?><?cs var:ro ?><?cs if:!last(ro) ?>, <?cs /if ?><?cs /each ?><?cs if:!subcount(Page.u.roles) ?><?cs var:Lang.Users.no_roles ?><?cs /if ?></dd>
<?cs if:Page.u.totp ?><form method="post" action="/users/<?cs var:Page.u.id ?>/totp" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary" id="totp-reset"><?cs var:Lang.Users.totp_reset ?></button></form><?cs /if ?>
<?cs if:Page.u.locked ?><dt><?cs var:Lang.Users.login ?></dt><dd id="u-locked"><?cs var:Lang.Users.locked ?></dd><?cs /if ?>
<dt><?cs var:Lang.Users.created ?></dt><dd><?cs var:Page.u.created ?></dd>
<dt><?cs var:Lang.Users.col_login ?></dt><dd><?cs if:Page.u.last_login ?><?cs var:Page.u.last_login ?><?cs else ?><?cs var:Lang.Users.never ?><?cs /if ?></dd>
</dl>
<p><a href="/rights/users/<?cs var:Page.u.id ?>"><?cs var:Lang.Users.rights_link ?></a></p>
<?cs if:Page.can_audit ?><p><a href="/audit?user=<?cs var:Page.u.id ?>"><?cs var:Lang.Users.audit_link ?></a></p><?cs /if ?>
</section>
<?cs if:Page.manage ?>
<form method="post" action="/users/<?cs var:Page.u.id ?>" class="card" aria-labelledby="h-edit">
<h2 id="h-edit"><?cs var:Lang.Users.edit ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="given_name"><?cs var:Lang.Users.given_name ?></label>
<input type="text" id="given_name" name="given_name" required maxlength="100" value="<?cs if:Form.v.given_name ?><?cs var:Form.v.given_name ?><?cs else ?><?cs var:Page.u.given_name ?><?cs /if ?>"<?cs call:field_invalid("given_name") ?><?cs if:Page.error_field == "given_name" && !Form.invalid.given_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("given_name") ?>
<label for="name_prefix"><?cs var:Lang.Users.name_prefix ?></label>
<input type="text" id="name_prefix" name="name_prefix" maxlength="30" value="<?cs if:Form.v.name_prefix ?><?cs var:Form.v.name_prefix ?><?cs else ?><?cs var:Page.u.name_prefix ?><?cs /if ?>"<?cs call:field_invalid("name_prefix") ?><?cs if:Page.error_field == "name_prefix" && !Form.invalid.name_prefix ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("name_prefix") ?>
<label for="family_name"><?cs var:Lang.Users.family_name ?></label>
<input type="text" id="family_name" name="family_name" required maxlength="100" value="<?cs if:Form.v.family_name ?><?cs var:Form.v.family_name ?><?cs else ?><?cs var:Page.u.family_name ?><?cs /if ?>"<?cs call:field_invalid("family_name") ?><?cs if:Page.error_field == "family_name" && !Form.invalid.family_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("family_name") ?>
<label for="email"><?cs var:Lang.Users.email ?></label>
<input id="email" name="email" type="email" required maxlength="254" value="<?cs if:Form.v.email ?><?cs var:Form.v.email ?><?cs else ?><?cs var:Page.u.email ?><?cs /if ?>"<?cs call:field_invalid("email") ?><?cs if:Page.error_field == "email" && !Form.invalid.email ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("email") ?>
<label for="mobile"><?cs var:Lang.Users.mobile ?></label>
<input id="mobile" name="mobile" type="tel" maxlength="32" value="<?cs if:Form.v.mobile ?><?cs var:Form.v.mobile ?><?cs else ?><?cs var:Page.u.mobile ?><?cs /if ?>" aria-describedby="mobile-hint<?cs if:Form.invalid.mobile ?> mobile-error<?cs elif:Page.error_field == "mobile" ?> form-error<?cs /if ?>"<?cs if:Page.error_field == "mobile" || Form.invalid.mobile ?> aria-invalid="true"<?cs /if ?>>
<?cs call:field_error("mobile") ?>
<p class="hint" id="mobile-hint"><?cs var:Lang.Users.mobile_edit_hint ?></p>
<p class="hint"><a href="/rights/users/<?cs var:Page.u.id ?>" id="roles-link"><?cs var:Lang.Users.roles_hint ?></a></p>
<button type="submit"><?cs var:Lang.Users.save ?></button>
</form>
<section class="card actions" aria-labelledby="h-actions">
<h2 id="h-actions"><?cs var:Lang.Users.actions ?></h2>
<?cs if:Page.u.status == "active" ?><p id="u-sessions"><?cs if:subcount(Page.u.sessions) ?><?cs var:Lang.Users.logged_in_on ?></p>
<ul class="sessions"><?cs each:se = Page.u.sessions ?><li><?cs var:se.device ?> · <?cs var:Lang.Users.last_active ?> <?cs var:se.seen ?></li><?cs /each ?></ul><?cs else ?><?cs var:Lang.Users.not_logged_in ?></p><?cs /if ?><?cs /if ?>
<?cs if:Page.u.status == "invited" ?><form method="post" action="/users/<?cs var:Page.u.id ?>/invite" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.resend_invite ?></button></form><?cs /if ?>
<?cs if:Page.u.status == "active" ?><form method="post" action="/users/<?cs var:Page.u.id ?>/reset" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.send_reset ?></button></form>
<form method="post" action="/users/<?cs var:Page.u.id ?>/sessions" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.end_sessions ?></button></form>
<form method="post" action="/users/<?cs var:Page.u.id ?>/disable" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.disable ?></button></form><?cs /if ?>
<?cs if:Page.u.locked ?><form method="post" action="/users/<?cs var:Page.u.id ?>/unlock" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.unlock ?></button></form><?cs /if ?>
<?cs if:Page.u.status == "disabled" ?><form method="post" action="/users/<?cs var:Page.u.id ?>/enable" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Users.enable ?></button></form><?cs /if ?>
<a class="button danger" href="/users/<?cs var:Page.u.id ?>/remove"><?cs var:Lang.Users.remove ?></a>
</section>
<?cs /if ?>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<?cs include:"footer.cs" ?>
