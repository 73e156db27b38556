<?cs # account_mobile.cs: changing one's own mobile number (AUTH-09): the new number, then the code sent to it. ?><?cs set:Page.title = Lang.Account.mobile_change ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Account.mobile_change ?></h1>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<p><?cs var:Lang.Account.mobile_now ?> <strong><?cs if:Page.mobile ?><?cs var:Page.mobile ?><?cs else ?><?cs var:Lang.Home.no_mobile ?><?cs /if ?></strong></p>
<?cs if:Page.new_mobile ?><form method="post" action="/account/mobile/confirm" class="card">
<p><?cs var:Lang.Verify.sent_to ?> <strong id="new-mobile"><?cs var:Page.new_mobile ?></strong>.</p>
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="code"><?cs var:Lang.Verify.code ?></label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" minlength="6" maxlength="7" required autofocus>
<label class="check"><input type="checkbox" name="end_others" value="1" checked> <?cs var:Lang.Account.end_others_too ?></label>
<button type="submit"><?cs var:Lang.Verify.submit ?></button>
</form><?cs /if ?>
<form method="post" action="/account/mobile" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="mobile"><?cs var:Lang.Account.mobile_new ?></label>
<input id="mobile" name="mobile" type="tel" required maxlength="32" autocomplete="tel" value="<?cs var:Form.v.mobile ?>" aria-describedby="mobile-hint<?cs if:Form.invalid.mobile ?> mobile-error<?cs /if ?>"<?cs if:Form.invalid.mobile ?> aria-invalid="true"<?cs /if ?>>
<?cs call:field_error("mobile") ?>
<p class="hint" id="mobile-hint"><?cs var:Lang.Account.mobile_hint ?></p>
<button type="submit"<?cs if:Page.new_mobile ?> class="secondary"<?cs /if ?>><?cs var:Lang.Account.mobile_send ?></button>
</form>
<p><a href="/account"><?cs var:Lang.Account.back ?></a></p>
<?cs include:"footer.cs" ?>
