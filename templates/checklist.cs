<?cs # checklist.cs: the holiday checklist's open points (document 000) as list items, each with its link: open
   invitations, fewer than two admins, colleagues without a confirmed number. Page.check from
   portal_org_checklist; Page.manage: the user may add a colleague. Used by the overview of colleagues and
   by Mijn portaal. ?><?cs if:Page.check.invited > 0 ?><li id="check-invited"><a href="/users?status=invited"><?cs var:Page.check.invited ?> <?cs if:Page.check.invited == 1 ?><?cs var:Lang.Users.check_invited_one ?><?cs else ?><?cs var:Lang.Users.check_invited ?><?cs /if ?></a></li><?cs /if ?>
<?cs if:Page.check.admins < 2 ?><li id="check-admins"><?cs if:Page.check.admins == 0 ?><?cs var:Lang.Users.check_no_admin ?><?cs else ?><?cs var:Lang.Users.check_one_admin ?><?cs /if ?> <?cs if:Page.manage ?><a href="/users/new"><?cs var:Lang.Users.check_one_admin_fix ?></a><?cs /if ?></li><?cs /if ?>
<?cs if:Page.check.unconfirmed > 0 ?><li id="check-mobile"><a href="/users?check=mobile"><?cs var:Page.check.unconfirmed ?> <?cs if:Page.check.unconfirmed == 1 ?><?cs var:Lang.Users.check_mobile_one ?><?cs else ?><?cs var:Lang.Users.check_mobile ?><?cs /if ?></a></li><?cs /if ?>
