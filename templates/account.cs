<?cs # account.cs: Mijn account in sub-pages (Page.tab): profile (name, language, roles and the rights they give
   in words), security (e-mail address, mobile number, password, the authenticator app), sessions; the
   notifications are news.cs's subs. Every form posts to its own route; errors appear on its sub-page. ?><?cs if:Page.tab == "security" ?><?cs set:Page.title = Lang.Account.tab_security ?><?cs elif:Page.tab == "sessions" ?><?cs set:Page.title = Lang.Account.sessions ?><?cs else ?><?cs set:Page.title = Lang.Account.title ?><?cs /if ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Account.title ?></h1>
<nav class="tabs" aria-label="<?cs var:Lang.Account.parts ?>"><a href="/account"<?cs if:Page.tab == "profile" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Account.tab_profile ?></a>
<a href="/account/security" id="tab-security"<?cs if:Page.tab == "security" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Account.tab_security ?></a>
<a href="/account/sessions" id="tab-sessions"<?cs if:Page.tab == "sessions" ?> aria-current="page"<?cs /if ?>><?cs var:Lang.Account.sessions ?></a>
<a href="/news/subscriptions" id="tab-notifications"><?cs var:Lang.Account.tab_notifications ?></a></nav>
<?cs if:Page.notice ?><p class="notice" role="status"><?cs var:Page.notice ?></p><?cs /if ?>
<?cs if:Page.error && !subcount(Form.errors) ?><p class="error" role="alert" id="form-error"><?cs var:Page.error ?></p><?cs /if ?>
<?cs if:Page.tab == "profile" ?><section class="card" aria-labelledby="h-profile">
<h2 id="h-profile"><?cs var:Lang.Account.profile ?></h2>
<form method="post" action="/account/profile">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="given_name"><?cs var:Lang.Users.given_name ?></label>
<input type="text" id="given_name" name="given_name" required maxlength="100" autocomplete="given-name" value="<?cs if:Form.v.given_name ?><?cs var:Form.v.given_name ?><?cs else ?><?cs var:Page.given_name ?><?cs /if ?>"<?cs call:field_invalid("given_name") ?>>
<?cs call:field_error("given_name") ?>
<label for="name_prefix"><?cs var:Lang.Users.name_prefix ?></label>
<input type="text" id="name_prefix" name="name_prefix" maxlength="30" value="<?cs if:Form.v.name_prefix ?><?cs var:Form.v.name_prefix ?><?cs else ?><?cs var:Page.name_prefix ?><?cs /if ?>"<?cs call:field_invalid("name_prefix") ?>>
<?cs call:field_error("name_prefix") ?>
<label for="family_name"><?cs var:Lang.Users.family_name ?></label>
<input type="text" id="family_name" name="family_name" required maxlength="100" autocomplete="family-name" value="<?cs if:Form.v.family_name ?><?cs var:Form.v.family_name ?><?cs else ?><?cs var:Page.family_name ?><?cs /if ?>"<?cs call:field_invalid("family_name") ?>>
<?cs call:field_error("family_name") ?>
<label for="lang"><?cs var:Lang.Account.lang ?></label>
<select id="lang" name="lang">
<option value="nl"<?cs if:Page.user_lang != "en" ?> selected<?cs /if ?>>Nederlands</option>
<option value="en"<?cs if:Page.user_lang == "en" ?> selected<?cs /if ?>>English</option>
</select>
<button type="submit"><?cs var:Lang.Users.save ?></button>
</form>
</section>
<?cs /if ?><?cs if:Page.tab == "security" ?><section class="card" aria-labelledby="h-email">
<h2 id="h-email"><?cs var:Lang.Account.email ?></h2>
<p><?cs var:Lang.Account.email_now ?> <strong id="my-email"><?cs var:Session.email ?></strong></p>
<form method="post" action="/account/email/change">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="new-email"><?cs var:Lang.Account.email_new ?></label>
<input id="new-email" name="email" type="email" required maxlength="254" autocomplete="email">
<label for="email-pw"><?cs var:Lang.Account.current_password ?></label>
<input id="email-pw" name="password" type="password" required maxlength="128" autocomplete="current-password">
<p class="hint"><?cs var:Lang.Account.email_hint ?></p>
<button type="submit"><?cs var:Lang.Account.email_submit ?></button>
</form>
</section>
<section class="card" aria-labelledby="h-mobile">
<h2 id="h-mobile"><?cs var:Lang.Account.mobile ?></h2>
<p><?cs if:Page.mobile ?><strong id="my-mobile"><?cs var:Page.mobile ?></strong> (<?cs if:Page.mobile_ok ?><?cs var:Lang.Users.confirmed ?><?cs else ?><?cs var:Lang.Users.unconfirmed ?><?cs /if ?>)<?cs else ?><?cs var:Lang.Home.no_mobile ?><?cs /if ?></p>
<p><a href="/account/mobile"><?cs var:Lang.Account.mobile_change ?></a> · <a href="/account/totp" id="totp-link"><?cs var:Lang.Totp.title ?></a> · <a href="/news/subscriptions" id="news-link"><?cs var:Lang.News.subs ?></a></p>
</section>
<section class="card" aria-labelledby="h-password">
<h2 id="h-password"><?cs var:Lang.Account.password ?></h2>
<form method="post" action="/account/password">
<input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>">
<label for="current"><?cs var:Lang.Account.current_password ?></label>
<input id="current" name="current" type="password" required maxlength="128" autocomplete="current-password">
<label for="password"><?cs var:Lang.Pw.new ?></label>
<input id="password" name="password" type="password" required minlength="12" maxlength="128" autocomplete="new-password" aria-describedby="pw-rules">
<p class="hint" id="pw-rules"><?cs var:Lang.Pw.rules ?></p>
<label for="password2"><?cs var:Lang.Pw.repeat ?></label>
<input id="password2" name="password2" type="password" required minlength="12" maxlength="128" autocomplete="new-password">
<label class="check"><input type="checkbox" name="keep" value="1" checked> <?cs var:Lang.Account.keep_session ?></label>
<p class="hint"><?cs var:Lang.Account.password_hint ?></p>
<button type="submit"><?cs var:Lang.Account.password_submit ?></button>
</form>
</section>
<?cs /if ?><?cs if:Page.tab == "profile" ?><section class="card" aria-labelledby="h-roles">
<h2 id="h-roles"><?cs var:Lang.Home.roles ?></h2>
<?cs if:subcount(Page.roles) ?><ul class="roles" id="my-roles">
<?cs each:role = Page.roles ?><li><strong><?cs var:role.name ?></strong><?cs if:subcount(role.rights) ?>
<ul><?cs each:right = role.rights ?><li><?cs var:right ?></li><?cs /each ?></ul><?cs /if ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:Lang.Home.no_roles ?></p><?cs /if ?>
</section>
<?cs /if ?><?cs if:Page.tab == "sessions" ?><section class="card" aria-labelledby="h-sessions">
<h2 id="h-sessions"><?cs var:Lang.Account.sessions ?></h2>
<div class="table-wrap"><table>
<thead><tr><th scope="col"><?cs var:Lang.Account.device ?></th><th scope="col"><?cs var:Lang.Account.address ?></th><th scope="col"><?cs var:Lang.Account.started ?></th><th scope="col"><?cs var:Lang.Account.seen ?></th><th scope="col"><span class="sr-only"><?cs var:Lang.Users.actions ?></span></th></tr></thead>
<tbody>
<?cs each:se = Page.sessions ?><tr<?cs if:se.current ?> class="current"<?cs /if ?>>
<td><span title="<?cs var:se.ua ?>"><?cs var:se.agent ?></span><?cs if:se.current ?> <span class="tag"><?cs var:Lang.Account.this_session ?></span><?cs /if ?></td>
<td><?cs var:se.addr ?></td><td><?cs var:se.started ?></td><td><?cs var:se.seen ?></td>
<td><form method="post" action="/account/sessions/<?cs var:se.id ?>/end" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit" class="secondary"><?cs var:Lang.Account.end ?></button></form></td>
</tr><?cs /each ?>
</tbody></table></div>
<?cs if:Page.nsessions > 1 ?><form method="post" action="/account/sessions/others" class="inline"><input type="hidden" name="csrf" value="<?cs var:Req.csrf ?>"><button type="submit"><?cs var:Lang.Account.end_others ?></button></form><?cs /if ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
