"""Chrome stage: page furniture removed and recorded, page metadata parsed first."""
from __future__ import annotations

from transforms.chrome import parse_meta_line, strip_chrome


def test_metadata_line_with_several_fields():
    assert parse_meta_line("发布时间：2021-04-02 来源：调查报告 点击：") == {
        "published_at": "2021-04-02", "source_name": "调查报告", "views": ""}
    assert parse_meta_line("• 索 引 号 :11411000005747138B/201208-00022") == {"index_number": "11411000005747138B/201208-00022"}
    assert parse_meta_line("浏览量：时间：2020-03-16 16:19:04") == {"views": "", "published_at": "2020-03-16 16:19:04"}


def test_body_lines_are_not_metadata():
    assert parse_meta_line("同志们：") is None
    assert parse_meta_line("这次会议的时间：安排在下午") is None


def test_header_and_footer_chrome_removed_and_recorded():
    page = "\n".join([
        "今日天气预报：",
        "九江市人民政府关于印发实施方案的通知",
        "发布时间 ：2022-11-16    文章来源 ：江西省九江市人民政府驻深圳（广东）办事处",
        "各县（市、区）人民政府：",
        "现印发给你们，请认真贯彻执行。",
        "【打印此页】  【关闭此页】",
    ])
    out = strip_chrome(page)
    assert out.text.split("\n") == ["九江市人民政府关于印发实施方案的通知", "各县（市、区）人民政府：", "现印发给你们，请认真贯彻执行。"]
    assert out.page_meta == {"published_at": "2022-11-16", "source_name": "江西省九江市人民政府驻深圳（广东）办事处"}
    assert [rule for _, rule in out.removed] == ["weather", "page-metadata", "print-close"]


def test_footer_region_after_comment_box_removed_but_long_body_kept():
    page = "\n".join([
        "正文第一段。",
        "文档评论（0）",
        "107****0911 + 关注",
        "实名认证",
        "该用户很懒，什么也没介绍",
        "要严格按照程序和时限，及时汇报工作解决到什么程度，怎么解决的，切实提高工作效率，把各项工作都做深、做细、做扎实。",
    ])
    out = strip_chrome(page)
    assert "实名认证" not in out.text and "107****0911" not in out.text
    assert out.text.endswith("做扎实。")
    assert len(out.removed) == 4


def test_document_site_title_suffix_removed():
    out = strip_chrome("在政府新班子成员会议上的讲话.docxVIP\n正文。")
    assert out.text.startswith("在政府新班子成员会议上的讲话\n")
    assert (".docxVIP", "title-file-suffix") in out.removed


def test_body_sentence_mentioning_chrome_words_kept():
    line = "要扫描二维码的做法在基层推广，方便群众办事，切实提高政务服务效率和群众满意度，推动政府工作上台阶。"
    assert strip_chrome("标题\n" + line).text.endswith(line)
