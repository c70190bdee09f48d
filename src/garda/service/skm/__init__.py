"""Survei Kepuasan Masyarakat (PermenPANRB 14/2017): surveys per service unit and period,
anonymous answers, the index (IKM) and its grade, publication with the follow-up plan."""
