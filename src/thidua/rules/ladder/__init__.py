"""The award ladder: catalogue, criteria, eligibility, roadmap and budget."""
