<?cs # verify_sms.cs: the second step of the login: the SMS code (/verify_sms), or with Page.app a code from
   the authenticator app (/verify_sms/app). ?><?cs if:Page.app ?><?cs set:Page.title = Lang.Verify.app_title ?><?cs else ?><?cs set:Page.title = Lang.Verify.title ?><?cs /if ?><?cs include:"header.cs" ?>
<h1><?cs var:Page.title ?></h1>
<?cs if:Page.app ?><p><?cs var:Lang.Verify.app_intro ?></p>
<?cs elif:Page.mobile && !Page.unsent ?><p><?cs var:Lang.Verify.sent_to ?> <strong><?cs var:Page.mobile ?></strong>.</p><?cs /if ?>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.info ?><p class="info" role="status"><?cs var:Page.info ?></p><?cs /if ?>
<?cs if:Page.warning ?><p class="warning" role="alert"><?cs var:Page.warning ?></p><?cs /if ?>
<?cs if:Page.error ?><p class="error" role="alert" id="code-error"><?cs var:Page.error ?></p><?cs /if ?>
<form method="post" action="<?cs if:Page.app ?>/verify_sms/app<?cs else ?>/verify_sms<?cs /if ?>" class="card">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<label for="code"><?cs if:Page.app ?><?cs var:Lang.Verify.app_code ?><?cs else ?><?cs var:Lang.Verify.code ?><?cs /if ?></label>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" minlength="6" maxlength="7" required autofocus<?cs if:Page.error ?> aria-describedby="code-error"<?cs /if ?>>
<button type="submit"><?cs var:Lang.Verify.submit ?></button>
</form>
<?cs if:!Page.app || Page.has_mobile ?><form method="post" action="/verify_sms/resend" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<?cs if:Page.next ?><input type="hidden" name="next" value="<?cs var:Page.next ?>"><?cs /if ?>
<button type="submit" class="secondary"><?cs if:Page.app ?><?cs var:Lang.Verify.use_sms ?><?cs elif:Page.unsent ?><?cs var:Lang.Verify.send ?><?cs else ?><?cs var:Lang.Verify.resend ?><?cs /if ?></button>
</form><?cs /if ?>
<?cs if:!Page.app && Page.has_app ?><p><a href="/verify_sms/app<?cs if:Page.next ?>?next=<?cs var:url_escape(Page.next) ?><?cs /if ?>" id="use-app"><?cs var:Lang.Verify.use_app ?></a></p><?cs /if ?>
<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<button type="submit" class="link"><?cs var:Lang.Verify.cancel ?></button>
</form>
<?cs include:"footer.cs" ?>
