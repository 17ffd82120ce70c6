"""A person's photos are in their data export; after account deletion the photos stay, naming nobody."""

from contributions import photos
from contributions.tables import Photo
from tests.factories import person


async def test_the_export_lists_what_a_person_uploaded_and_erasure_keeps_the_photo_without_its_author(taunusstein):
    anna = await person("anna@example.org")
    ben = await person("ben@example.org")
    for author, key in ((anna, "a.jpg"), (ben, "b.jpg")):
        await Photo(
            municipality=taunusstein.id,
            content_type="defect_report",
            content_id=7,
            author=author,
            key=key,
            width=4,
            height=3,
            visibility="public",
        ).save()
    exported = await photos.PHOTOS.export(anna)
    assert len(exported) == 1 and exported[0]["belongs_to"] == {"content_type": "defect_report", "content_id": 7}
    assert exported[0]["url"] == f"/api/v1/municipalities/{taunusstein.slug}/photos/{exported[0]['id']}"
    await photos.PHOTOS.erase(anna)
    assert await photos.PHOTOS.export(anna) == []
    kept = await Photo.select(Photo.key, Photo.author).order_by(Photo.id)
    assert kept == [{"key": "a.jpg", "author": None}, {"key": "b.jpg", "author": ben}]
