<?cs # account_totp.cs: the authenticator app in Mijn account: its state, the enrolment (secret as text and as a
   QR code, then a code to confirm), the default second factor, removal. ?><?cs set:Page.title = Lang.Totp.title ?><?cs include:"header.cs" ?>
<p class="crumbs"><a href="/account"><?cs var:Lang.Account.title ?></a> ›</p>
<h1><?cs var:Lang.Totp.title ?></h1>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.warning ?><p class="warning" role="alert" id="app-required"><?cs var:Page.warning ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<p><?cs var:Lang.Totp.intro ?></p>
<?cs if:Page.enabled ?><p id="totp-state"><?cs var:Lang.Totp.active_since ?> <?cs var:Page.since ?>.</p>
<form method="post" action="/account/totp/prefer" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<fieldset><legend><?cs var:Lang.Totp.default ?></legend>
<label class="check"><input type="radio" name="method" value="totp"<?cs if:Page.prefer ?> checked<?cs /if ?>> <?cs var:Lang.Totp.use_app ?></label>
<label class="check"><input type="radio" name="method" value="sms"<?cs if:!Page.prefer ?> checked<?cs /if ?>> <?cs var:Lang.Totp.use_sms ?></label></fieldset>
<button type="submit"><?cs var:Lang.Users.save ?></button></form>
<form method="post" action="/account/totp/remove" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="link"><?cs var:Lang.Totp.remove ?></button></form>
<?cs else ?><p id="totp-state"><?cs var:Lang.Totp.not_active ?></p><?cs /if ?>
<?cs if:Page.secret ?>
<section class="card" aria-labelledby="h-enrol"><h2 id="h-enrol"><?cs var:Lang.Totp.enrol ?></h2>
<p><?cs var:Lang.Totp.scan ?></p>
<p><img src="/account/totp/qr" alt="<?cs var:Lang.Totp.qr_alt ?>" width="240" height="240" id="qr"></p>
<p><?cs var:Lang.Totp.or_type ?> <code id="secret"><?cs var:Page.secret ?></code></p>
<form method="post" action="/account/totp/confirm">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="code"><?cs var:Lang.Totp.code ?></label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength="6" required>
<button type="submit"><?cs var:Lang.Totp.confirm ?></button></form></section>
<?cs elif:Page.configured ?>
<form method="post" action="/account/totp/start" class="card"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<button type="submit" id="totp-start"><?cs if:Page.enabled ?><?cs var:Lang.Totp.again ?><?cs else ?><?cs var:Lang.Totp.start ?><?cs /if ?></button></form>
<?cs /if ?>
<?cs include:"footer.cs" ?>
