"""Test helper (stdlib only): reads a COCO file the way pycocotools and CVAT's
importer do, and fails on the first read that would fail there.

pycocotools is not installable on the machines that run the tests (no PyPI),
so this mirrors what its COCO() constructor, createIndex(), loadRes() and
COCOeval read, and the field types Datumaro (CVAT's COCO importer) checks.
Prints a summary as JSON on stdout; exits 1 with the reason on stderr.
Usage: python3 coco_reads.py detections.coco.json
"""
import json
import sys
from collections import defaultdict


def need(obj, key, types, where):
    if key not in obj:
        raise SystemExit(f"{where}: missing key {key!r}")
    value = obj[key]
    # bool is an int in Python; JSON true/false must not pass as a number.
    if isinstance(value, bool) or not isinstance(value, types):
        raise SystemExit(f"{where}: {key!r} is {type(value).__name__}, expected {types}")
    return value


def main(path):
    with open(path, encoding="utf-8") as f:
        dataset = json.load(f)
    if type(dataset) != dict:  # COCO(): assert type(dataset) == dict
        raise SystemExit("the file is not a JSON object")

    # COCO.createIndex()
    anns, cats, imgs = {}, {}, {}
    img_to_anns, cat_to_imgs = defaultdict(list), defaultdict(list)
    for ann in need(dataset, "annotations", list, "file"):
        img_to_anns[ann["image_id"]].append(ann)
        anns[ann["id"]] = ann
    for img in need(dataset, "images", list, "file"):
        imgs[img["id"]] = img
    for cat in need(dataset, "categories", list, "file"):
        cats[cat["id"]] = cat
    for ann in dataset["annotations"]:
        cat_to_imgs[ann["category_id"]].append(ann["image_id"])
    for key, value in need(dataset, "info", dict, "file").items():  # COCO.info() prints each item
        str(value)

    # Datumaro's field checks (CocoInstancesBase)
    for cat in dataset["categories"]:
        need(cat, "id", int, "category")
        need(cat, "name", str, "category")
    for img in dataset["images"]:
        need(img, "id", int, "image")
        need(img, "file_name", str, "image")
        need(img, "width", int, "image")
        need(img, "height", int, "image")
    for ann in dataset["annotations"]:
        where = f"annotation {ann.get('id')}"
        need(ann, "id", int, where)
        if need(ann, "image_id", int, where) not in imgs:
            raise SystemExit(f"{where}: unknown image id {ann['image_id']}")
        cat_id = need(ann, "category_id", int, where)
        if not cat_id or cat_id not in cats:  # Datumaro: category 0 is "no label"
            raise SystemExit(f"{where}: category {cat_id} is not a listed category")
        need(ann, "iscrowd", int, where)
        need(ann, "segmentation", (list, dict), where)
        bbox = need(ann, "bbox", list, where)
        if len(bbox) != 4 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in bbox):
            raise SystemExit(f"{where}: bbox must be 4 numbers")
        need(ann, "area", (int, float), where)  # COCOeval: area ranges
        need(ann, "score", (int, float), where)

    # COCO.loadRes(list of annotations): as the results of a detector
    results = [dict(a) for a in dataset["annotations"]]
    res_img_ids = [a["image_id"] for a in results]
    if not set(res_img_ids) <= set(imgs):
        raise SystemExit("Results do not correspond to current coco set")
    areas = []
    if results:
        if "bbox" not in results[0] or results[0]["bbox"] == []:
            raise SystemExit("loadRes: the first result has no bbox")
        for i, a in enumerate(results):
            x, y, w, h = a["bbox"]
            a.setdefault("segmentation", [[x, y, x, y + h, x + w, y + h, x + w, y]])
            a["area"] = w * h
            a["id"] = i + 1
            a["iscrowd"] = 0
            areas.append(round(a["area"], 2))
            float(a["score"])
            cats[a["category_id"]]

    print(json.dumps({
        "images": len(imgs),
        "annotations": len(anns),
        "categories": len(cats),
        "imgToAnns": {str(k): [a["id"] for a in v] for k, v in sorted(img_to_anns.items())},
        "catToImgs": {str(k): v for k, v in sorted(cat_to_imgs.items())},
        "loadRes": {"annotations": len(results), "areas": areas},
    }))


if __name__ == "__main__":
    main(sys.argv[1])
