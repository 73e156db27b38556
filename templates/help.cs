<?cs # help.cs: the user-management manual (document 000): users, roles and rights, two admins, mobile numbers. ?><?cs set:Page.title = Lang.Help.title ?><?cs include:"header.cs" ?>
<h1><?cs var:Lang.Help.title ?></h1>
<p><?cs var:Lang.Help.intro ?></p>
<nav aria-label="<?cs var:Lang.Help.contents ?>"><ul>
<li><a href="#users"><?cs var:Lang.Help.users_title ?></a></li>
<li><a href="#roles"><?cs var:Lang.Help.roles_title ?></a></li>
<li><a href="#admins"><?cs var:Lang.Help.admins_title ?></a></li>
<li><a href="#mobile"><?cs var:Lang.Help.mobile_title ?></a></li>
<li><a href="#holiday"><?cs var:Lang.Help.holiday_title ?></a></li>
</ul></nav>
<section id="users"><h2><?cs var:Lang.Help.users_title ?></h2>
<p><?cs var:Lang.Help.users_1 ?></p><p><?cs var:Lang.Help.users_2 ?></p><p><?cs var:Lang.Help.users_3 ?></p></section>
<section id="roles"><h2><?cs var:Lang.Help.roles_title ?></h2>
<p><?cs var:Lang.Help.roles_1 ?></p><p><?cs var:Lang.Help.roles_2 ?></p></section>
<section id="admins"><h2><?cs var:Lang.Help.admins_title ?></h2>
<p><?cs var:Lang.Help.admins_1 ?></p></section>
<section id="mobile"><h2><?cs var:Lang.Help.mobile_title ?></h2>
<p><?cs var:Lang.Help.mobile_1 ?></p><p><?cs var:Lang.Help.mobile_2 ?></p></section>
<section id="holiday"><h2><?cs var:Lang.Help.holiday_title ?></h2>
<ol><li><?cs var:Lang.Help.holiday_1 ?></li><li><?cs var:Lang.Help.holiday_2 ?></li><li><?cs var:Lang.Help.holiday_3 ?></li></ol>
<?cs if:Page.admin ?><p><a href="/users"><?cs var:Lang.Help.to_users ?></a></p><?cs /if ?></section>
<?cs include:"footer.cs" ?>
