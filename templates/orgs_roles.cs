<?cs # orgs_roles.cs: the checkboxes of a customer's role sets (Page.sets: id, name, roles, on) and of the roles
   switched on for it one by one (Page.roles: id, name, on), on the new-customer form and the customer's page. ?>
<fieldset<?cs if:Page.error_field == "set" ?> aria-invalid="true" aria-describedby="form-error"<?cs /if ?>><legend><?cs var:Lang.Orgs.sets ?></legend>
<?cs each:x = Page.sets ?><label class="check"><input type="checkbox" name="set" value="<?cs var:x.id ?>" id="set-<?cs var:x.id ?>"<?cs if:x.on ?> checked<?cs /if ?>> <?cs var:x.name ?> <span class="hint">(<?cs var:x.roles ?>)</span></label>
<?cs /each ?><p class="hint"><?cs var:Lang.Orgs.sets_hint ?></p></fieldset>
<?cs if:subcount(Page.roles) ?><fieldset><legend><?cs var:Lang.Catalogue.org_roles ?></legend><?cs each:ro = Page.roles ?><label class="check"><input type="checkbox" name="role" value="<?cs var:ro.id ?>" id="role-<?cs var:ro.id ?>"<?cs if:ro.on ?> checked<?cs /if ?>> <?cs var:ro.name ?></label><?cs /each ?></fieldset><?cs /if ?>
