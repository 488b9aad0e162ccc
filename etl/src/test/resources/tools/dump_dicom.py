"""Dumps DICOM files as JSON with pydicom, an independent reader for the etl tests.

Usage: python3 dump_dicom.py FILE...  ->  a JSON list, one object per file:
  file, transfer_syntax, pixel_sha256 (of the Pixel Data element's bytes as stored), pixel_length,
  elements: every element of the file meta information and the data set, nested sequences too,
  as {path, tag, keyword, vr, private, value}.
"""
import hashlib
import json
import sys

import pydicom


def text(value):
    if isinstance(value, (bytes, bytearray)):
        return "<%d bytes>" % len(value)
    if isinstance(value, pydicom.multival.MultiValue):
        return "\\".join(str(v) for v in value)
    return str(value)


def walk(ds, path, out):
    for el in ds:
        tag = "%04X%04X" % (el.tag.group, el.tag.element)
        here = path + [tag]
        entry = {"path": "/".join(here), "tag": tag, "keyword": el.keyword, "vr": el.VR,
                 "private": el.tag.is_private}
        if el.VR == "SQ":
            entry["items"] = len(el.value)
            out.append(entry)
            for i, item in enumerate(el.value):
                walk(item, here + [str(i)], out)
        elif el.tag == 0x7FE00010:
            continue
        else:
            entry["value"] = text(el.value)
            out.append(entry)


result = []
for name in sys.argv[1:]:
    ds = pydicom.dcmread(name)
    elements = []
    meta = getattr(ds, "file_meta", None)
    if meta is not None:
        walk(meta, [], elements)
    walk(ds, [], elements)
    pixels = ds.get("PixelData")
    result.append({
        "file": name,
        "transfer_syntax": str(meta.TransferSyntaxUID) if meta is not None and "TransferSyntaxUID" in meta else None,
        "pixel_sha256": hashlib.sha256(pixels).hexdigest() if pixels is not None else None,
        "pixel_length": len(pixels) if pixels is not None else 0,
        "elements": elements,
    })
json.dump(result, sys.stdout)
