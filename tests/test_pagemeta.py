"""transforms/pagemeta.py: the one page-metadata record, its labels and <meta> tags, and that every
producer (record reader, HTML reader, chrome labels) and consumer (metadata, documents) agrees on
the field names."""
from __future__ import annotations

import pytest

from transforms import chrome, document, pagemeta
from transforms.document import process_document
from transforms.html import extract_html
from transforms.html.meta import HTML_LABEL_FIELDS
from transforms.metadata import extract_metadata
from transforms.pagemeta import PageMeta
from transforms.readers import records

FIELDS = set(PageMeta.fields())


def test_page_meta_is_a_mapping_of_its_set_fields():
    pm = PageMeta(page_title="关于…的通知", published_at="2020-03-16", source_name="")
    assert dict(pm) == {"page_title": "关于…的通知", "published_at": "2020-03-16"}
    assert pm == {"page_title": "关于…的通知", "published_at": "2020-03-16"}
    assert "source_name" not in pm and pm.get("source_name") is None and pm.source_name == ""
    merged = {"published_at": "2019-01-01", "author": "张三"}
    merged.update(pm)   # how transforms/document.py merges the producers into Work.page_meta
    assert merged == {"published_at": "2020-03-16", "author": "张三", "page_title": "关于…的通知"}


def test_a_field_under_another_name_is_refused():
    with pytest.raises(TypeError):
        PageMeta(title="关于…的通知")           # the old html key: metadata reads page_title
    with pytest.raises(KeyError):
        PageMeta.from_dict({"title": "关于…的通知"})
    # label keys recognised but not kept are dropped, empty values unset
    assert PageMeta.from_dict({"views": "52", "keywords": "就业", "source_name": ""}) == {}


def test_every_producer_and_consumer_uses_page_meta_field_names():
    assert set(records.HINT_COLUMNS.values()) <= FIELDS
    assert set(pagemeta.META_TAGS) <= FIELDS
    assert set(pagemeta.PAGE_META_LABELS) <= FIELDS | pagemeta.UNKEPT_LABEL_KEYS
    assert HTML_LABEL_FIELDS <= FIELDS
    assert set(document.NORMALIZED_PAGE_FIELDS) <= FIELDS
    # chrome's next-line values are for label keys
    assert set(chrome.META_NEXT_LINE_VALUE) <= set(pagemeta.PAGE_META_LABELS)


def test_labels_are_shared_by_text_dumps_and_html_lines():
    line = "发布时间：2021-04-02 来源：调查报告 点击："
    assert pagemeta.parse_meta_line(line) == {"published_at": "2021-04-02", "source_name": "调查报告", "views": ""}
    assert chrome.parse_meta_line is pagemeta.parse_meta_line
    assert [(k, v) for k, v, _, _ in pagemeta.labels_in(line)] == [
        ("published_at", "2021-04-02"), ("source_name", "调查报告"), ("views", "")]
    assert pagemeta.parse_meta_line("• 索 引 号 :11411000005747138B/201208-00022") == {
        "index_number": "11411000005747138B/201208-00022"}
    assert pagemeta.trailing_label_key("来源：") == "source_name"
    assert pagemeta.starts_with_label("稿源：新华社") and not pagemeta.starts_with_label("时间就是金钱")


def test_html_page_fields_arrive_as_page_meta():
    page = ('<html><head><title>关于印发某某市促进就业若干措施的通知_某某市人民政府</title>'
            '<meta name="PubDate" content="2020-03-16 16:19"><meta name="ContentSource" content="某某市人民政府办公室">'
            '</head><body><div class="content"><p>' + "各县（市、区）人民政府，市直各单位：现将措施印发给你们，请认真贯彻执行。" * 3
            + '</p></div></body></html>')
    meta = extract_html(page).meta
    assert isinstance(meta, PageMeta)
    assert meta.page_title == "关于印发某某市促进就业若干措施的通知_某某市人民政府"
    assert meta.published_at == "2020-03-16 16:19" and meta.source_name == "某某市人民政府办公室"


BODY = "".join(f"<p>{s}</p>" for s in (
    "各县（市、区）人民政府，市直各单位：",
    "为做好当前和今后一个时期稳就业工作，经市政府同意，现将有关事项通知如下。" * 2,
    "一、加大政策支持力度，对吸纳高校毕业生就业的小微企业给予社会保险补贴。",
    "二、落实创业担保贷款政策，个人贷款额度最高不超过20万元。",
))


def test_html_meta_title_reaches_metadata_when_the_body_has_no_headline():
    page = ('<html><head><meta name="ArticleTitle" content="关于做好稳就业工作的通知"></head><body>'
            f'<div class="article">{BODY}</div></body></html>')
    got = extract_html(page)
    assert got.meta["page_title"] == "关于做好稳就业工作的通知"
    assert extract_metadata(got.text, got.meta).title == "关于做好稳就业工作的通知"


def test_html_labelled_title_reaches_documents_when_the_page_has_no_headline():
    # a 信息公开 page without <title> or heading: the title is only in the "标题：" cell
    page = ('<html><body><table class="xxgk"><tr><td>标题：</td><td>关于做好稳就业工作的通知</td></tr>'
            '<tr><td>发布机构：</td><td>某某市人民政府办公室</td></tr></table>'
            f'<div class="article">{BODY}</div></body></html>')
    processed = process_document(page.encode("utf-8"), "xxgk-1.html")
    assert processed.document["title"] == "关于做好稳就业工作的通知"
    assert processed.document["genre"] == "通知"
    assert processed.document["publisher"] == "某某市人民政府办公室"
    # the label cells left the text as chrome: the title is not a body line
    assert [row["text"] for row in processed.rows("chrome")] == ["标题： 关于做好稳就业工作的通知 发布机构： 某某市人民政府办公室"]
    assert "关于做好稳就业工作的通知" not in processed.document["clean_text"]
