<?cs # users_new.cs: add a colleague. They get an invitation e-mail; the admin never sets a password. Only
   the roles of the organisation's set are offered (ACC-04), and its dossier profiles (Administrator chosen). ?><?cs set:Page.title = Lang.Users.add ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Users.add ?></h1>
<p><?cs var:Lang.Users.add_intro ?></p>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?><?cs if:Page.quota_link ?> <a href="/quota" id="quota-link"><?cs var:Lang.Rights.quota_link ?></a><?cs /if ?></p><?cs /if ?>
<form method="post" action="/users/new" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><input type="hidden" name="once" value="<?cs var:Page.once ?>">
<label for="given_name"><?cs var:Lang.Users.given_name ?></label>
<input type="text" id="given_name" name="given_name" required maxlength="100" autocomplete="off" value="<?cs var:Page.v.given_name ?>"<?cs call:field_invalid("given_name") ?><?cs if:Page.error_field == "given_name" && !Form.invalid.given_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("given_name") ?>
<label for="name_prefix"><?cs var:Lang.Users.name_prefix ?></label>
<input type="text" id="name_prefix" name="name_prefix" maxlength="30" autocomplete="off" value="<?cs var:Page.v.name_prefix ?>"<?cs call:field_invalid("name_prefix") ?><?cs if:Page.error_field == "name_prefix" && !Form.invalid.name_prefix ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("name_prefix") ?>
<label for="family_name"><?cs var:Lang.Users.family_name ?></label>
<input type="text" id="family_name" name="family_name" required maxlength="100" autocomplete="off" value="<?cs var:Page.v.family_name ?>"<?cs call:field_invalid("family_name") ?><?cs if:Page.error_field == "family_name" && !Form.invalid.family_name ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("family_name") ?>
<label for="email"><?cs var:Lang.Users.email ?></label>
<input id="email" name="email" type="email" required maxlength="254" autocomplete="off" value="<?cs var:Page.v.email ?>"<?cs call:field_invalid("email") ?><?cs if:Page.error_field == "email" && !Form.invalid.email ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>>
<?cs call:field_error("email") ?>
<label for="mobile"><?cs var:Lang.Users.mobile ?></label>
<input id="mobile" name="mobile" type="tel" maxlength="32" autocomplete="off" value="<?cs var:Page.v.mobile ?>" aria-describedby="mobile-hint<?cs if:Form.invalid.mobile ?> mobile-error<?cs elif:Page.error_field == "mobile" ?> form-error<?cs /if ?>"<?cs if:Page.error_field == "mobile" || Form.invalid.mobile ?> aria-invalid="true"<?cs /if ?>>
<?cs call:field_error("mobile") ?>
<p class="hint" id="mobile-hint"><?cs var:Lang.Users.mobile_hint ?></p>
<label for="lang"><?cs var:Lang.Users.lang ?></label>
<select id="lang" name="lang">
<option value="nl"<?cs if:Page.v.lang != "en" ?> selected<?cs /if ?>>Nederlands</option>
<option value="en"<?cs if:Page.v.lang == "en" ?> selected<?cs /if ?>>English</option>
</select>
<fieldset<?cs if:Page.error_field == "role" ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>><legend><?cs var:Lang.Users.roles ?></legend>
<?cs each:ro = Page.roles ?><label class="check"><input type="checkbox" name="role" value="<?cs var:ro.id ?>"<?cs if:ro.checked ?> checked<?cs /if ?>> <?cs var:ro.name ?></label>
<?cs /each ?></fieldset>
<?cs if:subcount(Page.profiles) ?><label for="profile"><?cs var:Lang.Users.profile ?></label>
<select id="profile" name="profile" aria-describedby="profile-hint"<?cs if:Page.error_field == "profile" ?> aria-invalid="true"<?cs /if ?>><option value="0"><?cs var:Lang.Dossiers.no_profile_opt ?></option><?cs each:p = Page.profiles ?><option value="<?cs var:p.id ?>"<?cs if:p.checked ?> selected<?cs /if ?>><?cs var:p.name ?></option><?cs /each ?></select>
<p class="hint" id="profile-hint"><?cs var:Lang.Users.profile_hint ?></p><?cs /if ?>
<button type="submit"><?cs var:Lang.Users.add_submit ?></button>
</form>
<p><a href="/users"><?cs var:Lang.Users.back ?></a></p>
<?cs include:"footer.cs" ?>
