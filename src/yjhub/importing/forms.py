"""The upload form of the imports page."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.core.exceptions import ValidationError

from yjhub.importing import uploads


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a file", required=False, allow_empty_file=True,
        help_text="A CSV or Parquet file named after its table (like child.csv), an Excel "
        "workbook (.xlsx) with a sheet per table, or a .zip of several. Up to "
        f"{uploads.size_text(uploads.UPLOAD_LIMIT)}.")

    def __init__(self, *args, too_large: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.too_large = too_large

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        limit = uploads.size_text(uploads.UPLOAD_LIMIT)
        if self.too_large:
            raise ValidationError(f"The file must be smaller than {limit}: split the export "
                                  "into parts and import each")
        if upload is None:
            raise ValidationError("Select a file to import")
        suffix = Path(upload.name).suffix.lower()
        if suffix != ".zip" and suffix not in uploads.SUFFIXES:
            raise ValidationError(f"The selected file \"{upload.name}\" must be a CSV, Excel "
                                  "(.xlsx), Parquet or .zip file")
        if upload.size == 0:
            raise ValidationError(f"The selected file \"{upload.name}\" is empty")
        if upload.size > uploads.UPLOAD_LIMIT:
            raise ValidationError(f"The file must be smaller than {limit}: \"{upload.name}\" "
                                  f"is {uploads.size_text(upload.size)}")
        return upload
