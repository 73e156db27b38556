<?cs # password_set.cs: choosing a password from an invitation or a reset link. The token travels in a
   hidden field; the next step is always the SMS code. ?><?cs if:Page.mode == "invite" ?><?cs set:Page.title = Lang.Pw.invite_title ?><?cs else ?><?cs set:Page.title = Lang.Pw.reset_title ?><?cs /if ?><?cs include:"header.cs" ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.mode == "invite" ?><p><?cs var:Lang.Pw.welcome ?> <?cs var:Page.name ?>. <?cs var:Lang.Pw.invite_intro ?> <strong><?cs var:Page.org ?></strong>.</p><?cs /if ?>
<p><?cs var:Lang.Pw.account ?> <strong><?cs var:Page.email ?></strong></p>
<?cs if:Page.error ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="/password/<?cs var:Page.mode ?>" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<input type="hidden" name="t" value="<?cs var:Page.t ?>">
<label for="password"><?cs var:Lang.Pw.new ?></label>
<input id="password" name="password" type="password" autocomplete="new-password" required minlength="12" maxlength="128" aria-describedby="pw-rules<?cs if:Page.error ?> form-error<?cs /if ?>">
<p class="hint" id="pw-rules"><?cs var:Lang.Pw.rules ?></p>
<label for="password2"><?cs var:Lang.Pw.repeat ?></label>
<input id="password2" name="password2" type="password" autocomplete="new-password" required minlength="12" maxlength="128">
<?cs if:Page.ask_mobile ?><label for="mobile"><?cs var:Lang.Users.mobile ?></label>
<input id="mobile" name="mobile" type="tel" required maxlength="32" autocomplete="tel" aria-describedby="mobile-hint">
<p class="hint" id="mobile-hint"><?cs var:Lang.Pw.mobile_hint ?></p><?cs /if ?>
<button type="submit"><?cs var:Lang.Pw.submit ?></button>
</form>
<p class="hint"><?cs var:Lang.Pw.sms_next ?></p>
<?cs include:"footer.cs" ?>
