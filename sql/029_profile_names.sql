-- 029_profile_names.sql: the dossier profiles' Dutch names. Document 003 calls them by their English names in
-- Dutch text ("het profiel \"Full Access\""), so a Dutch name keeps that name in brackets: whoever reads the
-- manual finds the profile it names. English readers keep the names as they were.
UPDATE roles SET name_nl = CASE rkey
    WHEN 'profile_administrator'  THEN 'Dossierbeheerder (Administrator)'
    WHEN 'profile_full_access'    THEN 'Volledige toegang (Full Access)'
    WHEN 'profile_doc_processing' THEN 'Documenten verwerken (Document processing)'
    WHEN 'profile_doc_archive'    THEN 'Documenten verwerken en archief (Document processing + Archive)'
    WHEN 'profile_full_feedback'  THEN 'Volledige terugkoppeling (Full Feedback)'
    WHEN 'profile_doc_delivery'   THEN 'Documenten aanleveren (Document Delivery)'
  END
  WHERE rkey IN ('profile_administrator', 'profile_full_access', 'profile_doc_processing', 'profile_doc_archive',
                 'profile_full_feedback', 'profile_doc_delivery');
