"""Council documents: jinja2 templates rendered to tagged PDF (PDF/UA) by WeasyPrint, and the jobs that make them."""
