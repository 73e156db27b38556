<?cs # org.cs: the organisation's contact data (document 004), kept current by its admins, with "data checked". ?><?cs set:Page.title = Lang.Org.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Org.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<p><?cs var:Lang.Org.intro ?></p>
<p id="checked"><?cs if:Page.org.checked ?><?cs var:Lang.Org.checked_on ?> <?cs var:Page.org.checked ?>.<?cs else ?><?cs var:Lang.Org.never_checked ?><?cs /if ?>
<?cs if:Page.org.due ?> <strong class="warning-text" id="due"><?cs var:Lang.Org.due ?></strong><?cs /if ?></p>
<form method="post" action="/org" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<p><?cs var:Lang.Org.name ?>: <strong><?cs var:Page.org.name ?></strong> <span class="hint">(<?cs var:Lang.Org.name_hint ?>)</span></p>
<label for="address"><?cs var:Lang.Org.address ?></label><textarea id="address" name="address" required minlength="5" maxlength="500" rows="3"<?cs call:field_invalid("address") ?>><?cs if:Form.v.address ?><?cs var:Form.v.address ?><?cs else ?><?cs var:Page.org.address ?><?cs /if ?></textarea>
<?cs call:field_error("address") ?>
<label for="invoice_email"><?cs var:Lang.Org.invoice_email ?></label><input type="email" id="invoice_email" name="invoice_email" required maxlength="254" value="<?cs if:Form.v.invoice_email ?><?cs var:Form.v.invoice_email ?><?cs else ?><?cs var:Page.org.invoice_email ?><?cs /if ?>"<?cs call:field_invalid("invoice_email") ?>>
<?cs call:field_error("invoice_email") ?>
<label for="phone"><?cs var:Lang.Org.phone ?></label><input type="tel" id="phone" name="phone" required maxlength="32" value="<?cs if:Form.v.phone ?><?cs var:Form.v.phone ?><?cs else ?><?cs var:Page.org.phone ?><?cs /if ?>"<?cs call:field_invalid("phone") ?>>
<?cs call:field_error("phone") ?>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<form method="post" action="/org/checked" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary" id="confirm"><?cs var:Lang.Org.confirm ?></button></form>
<form method="post" action="/org/policy" class="card" aria-labelledby="h-policy"><h2 id="h-policy"><?cs var:Lang.Org.policy ?></h2>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label class="check"><input type="checkbox" name="admins_need_app" value="1" id="admins-need-app"<?cs if:Page.org.admins_need_app ?> checked<?cs /if ?>> <?cs var:Lang.Org.admins_need_app ?></label>
<p class="hint"><?cs var:Lang.Org.policy_hint ?></p>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<?cs include:"footer.cs" ?>
