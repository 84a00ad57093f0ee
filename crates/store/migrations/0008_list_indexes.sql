-- The case list pages by case id. A filter on the responsible agency or the
-- destination alone could not use the (agency|destination, stage, case_id)
-- indexes for the page's start and order: it read every case of the agency
-- after the cursor and sorted them (40 ms for a page of 1,000 at a million
-- cases). These indexes answer "responsible = ? AND case_id > ? ORDER BY
-- case_id" and its destination twin by a range scan.
CREATE INDEX cases_by_responsible_id ON cases (responsible, case_id);
CREATE INDEX cases_by_destination_id ON cases (destination, case_id);
