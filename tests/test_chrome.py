"""Chrome stage: page furniture removed and recorded, page metadata parsed first."""
from __future__ import annotations

from pathlib import Path

import pytest

from transforms.chrome import parse_meta_line, strip_chrome
from transforms.normalize import normalize_text


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


# --- shared -----------------------------------------------------------------------------------

FIXTURES = Path(__file__).parent / "fixtures"
# The page header every report dump of one CMS starts with (real lines, one toolbar word per line).
TOOLBAR = ["下载", "打印", "全屏", "收藏", "【字号：", "加大", "还原", "减小", "】"]
HEADER = ["2026年河北省政府工作报告", "——2026年1月26日在河北省第十四届人民代表大会第四次会议上",
          "来源：河北日报", "时间：2026-02-02", "河北省人民政府省长 王正谱"]
OPENING = ["各位代表：", "现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和列席人员提出意见。"]
# Real body lines holding toolbar words (加大, 全屏 in 安全屏障, 打印, 字号 in 村字号): they must survive.
BODY = [
    "一、“十四五”时期经济社会发展回顾",
    "加大义务教育学校建设力度，支持省属骨干高校发展",
    "美丽新疆建设取得新的重大进展，国家西北生态安全屏障更加牢固；破解南疆突出问题取得显著成效。",
    "各位代表！",
    "二、“十五五”时期的主要目标任务",
    "航天运载火箭煤基燃料、新一代高铁联系枕梁、深海油气生产控制阀、工业级铸造3D打印设备等一批原创性成果应用于国家重大工程。",
    "接续推进“一村一名大学生工程”，办好“村字号”文体活动；开展婚丧嫁娶中的陋习问题综合治理，推进移风易俗。",
    "各位代表！",
]


def strip(lines: list[str]):
    return strip_chrome("\n".join(lines))


def kept_lines(out) -> list[str]:
    return [ln for ln in out.text.split("\n") if ln]


def rules_of(out) -> dict[str, str]:
    return {text: rule for text, rule in out.removed}


# --- 1. toolbars and widgets --------------------------------------------------------------------

def test_toolbar_run_of_one_word_lines_removed():
    out = strip(TOOLBAR + HEADER + OPENING + BODY)
    assert kept_lines(out)[0] == "2026年河北省政府工作报告"
    got = rules_of(out)
    assert got["下载"] == "toolbar" and got["全屏"] == "print-close" and got["减小"] == "font-size-control"
    assert got["【字号："] == "font-size-control" and got["】"] == "font-size-control"


def test_toolbar_words_inside_body_sentences_kept():
    out = strip(TOOLBAR + HEADER + OPENING + BODY)
    assert kept_lines(out)[-len(BODY):] == BODY


def test_lone_toolbar_word_or_table_cells_are_not_a_toolbar():
    # a wrapped line ending in a toolbar word, and a flattened table's one-character cells
    page = HEADER + OPENING + ["要在更大范围、更宽领域、更深层次上", "加大", "开放力度。", "企业规模", "大", "中", "小"]
    assert kept_lines(strip(page))[-7:] == ["要在更大范围、更宽领域、更深层次上", "加大", "开放力度。", "企业规模", "大", "中", "小"]


def test_font_and_print_widgets_split_over_lines():
    page = ["阅读量：", "【字体：", "小", "中", "大", "】", "政府工作报告"] + OPENING + BODY + [
        "扫一扫在手机打开当前页", "【", "打印本页", "】", "【", "关闭窗口", "】"]
    out = strip(page)
    assert kept_lines(out) == ["政府工作报告"] + OPENING + BODY
    assert rules_of(out)["打印本页"] == "print-close" and rules_of(out)["小"] == "font-size-control"


def test_share_label_alone_is_a_widget():
    out = strip(["分享：", "陕西省2026年政府工作报告"] + OPENING)
    assert out.removed[0] == ("分享：", "share")
    assert strip(["标题"] + OPENING + ["分享发展成果，增进民生福祉。"]).text.endswith("分享发展成果，增进民生福祉。")


# --- 2. breadcrumbs split over lines ------------------------------------------------------------

def test_breadcrumb_split_over_lines_removed():
    page = ["当前位置：", "首页", ">", "政务信息", ">", "宁夏要闻", "2026年宁夏回族自治区政府工作报告"] + OPENING
    out = strip(page)
    assert kept_lines(out)[0] == "2026年宁夏回族自治区政府工作报告"
    assert [r for _, r in out.removed] == ["breadcrumb"] * 6


def test_breadcrumb_without_label_needs_separators():
    page = ["首页", ">", "政府信息公开", ">", "政府工作报告", ">", "省政府工作报告", "陕西省2026年政府工作报告"] + OPENING
    assert kept_lines(strip(page))[0] == "陕西省2026年政府工作报告"
    # "首页" followed by a headline, no separator: not a breadcrumb (and the headline is kept)
    assert kept_lines(strip(["首页", "网站首页改版工作方案"] + OPENING))[:2] == ["首页", "网站首页改版工作方案"]


# --- 3. page metadata: label and value on two lines, bare date-time line -------------------------

def test_metadata_label_alone_takes_the_next_line_as_value():
    page = ["2026年宁夏回族自治区政府工作报告", "发表时间：", "2026-02-09 09:45:30", "来源：", "宁夏日报客户端", "阅读量：",
            "【字体：", "小", "中", "大", "】", "政府工作报告"] + OPENING
    out = strip(page)
    assert out.page_meta == {"published_at": "2026-02-09 09:45:30", "source_name": "宁夏日报客户端"}
    assert kept_lines(out) == ["2026年宁夏回族自治区政府工作报告", "政府工作报告"] + OPENING


def test_metadata_label_does_not_take_a_headline_or_a_non_value():
    out = strip(["来源：", "关于印发全市优化营商环境实施方案的通知", "阅读量：", "各县（市、区）人民政府："])
    assert out.page_meta == {}
    assert kept_lines(out) == ["关于印发全市优化营商环境实施方案的通知", "各县（市、区）人民政府："]


def test_bare_datetime_under_the_byline_is_the_publication_time():
    page = ["政府工作报告", "――2026年1月27日在青海省第十四届人民代表大会第四次会议上", "省长 罗东川",
            "2026-01-31 07:00:44", "来源：青海日报"] + OPENING
    out = strip(page)
    assert out.page_meta == {"published_at": "2026-01-31 07:00:44", "source_name": "青海日报"}
    assert "2026-01-31 07:00:44" not in out.text


def test_documents_own_date_line_is_not_page_metadata():
    page = ["九江市人民政府关于印发实施方案的通知", "九府发〔2018〕12号", "2018年10月12日", "各县（市、区）人民政府："]
    out = strip(page)
    assert out.page_meta == {} and "2018年10月12日" in kept_lines(out)


def test_labelled_lines_in_the_body_are_body():
    notice = ["关于召开全市安全生产工作会议的通知", "各县（市、区）人民政府：", "经市政府同意，定于近期召开全市安全生产工作会议，现将有关事项通知如下：",
              "时间：3月1日上午9时", "地点：市政府第一会议室"]
    assert kept_lines(strip(notice)) == notice
    # a CMS info line printed again below the body is not
    out = strip(notice + ["发布时间：2026-02-09 来源：九江市人民政府 浏览量：52"])
    assert out.removed == [("发布时间：2026-02-09 来源：九江市人民政府 浏览量：52", "page-metadata")]


# --- 4. photo captions and credits ----------------------------------------------------------------

@pytest.mark.parametrize("caption", [
    "自治区人民政府主席包钢作政府工作报告。本报记者 韩卿立 摄",
    "省长卢东亮在省十四届人大五次会议上作政府工作报告。本报记者阮洋摄",
    "1月27日，艾尔肯·吐尼亚孜代表自治区人民政府，向大会作政府工作报告。石榴云/新疆日报记者谢龙摄",
    "省长叶建春作政府工作报告。本报全媒体记者 林 君摄",
    "任振鹤作政府工作报告。新甘肃·甘肃日报记者 盛学卿",
    "2月3日，宁夏回族自治区第十三届人民代表大会第四次会议在银川开幕。自治区人民政府主席张雨浦作政府工作报告。 宁夏日报记者 王鼎 摄",
    "省长赵刚作政府工作报告",     # no credit: a narrative line about the speech above 各位代表：
    "张工作政府工作报告。",
])
def test_speech_photo_caption_between_header_and_salutation_removed(caption):
    out = strip(HEADER + [caption] + OPENING)
    assert kept_lines(out) == [HEADER[0], HEADER[1], HEADER[4]] + OPENING
    assert (caption, "photo-caption") in out.removed


def test_caption_with_credit_on_the_first_line_removed():
    out = strip(["政府工作报告。 贵州日报天眼新闻记者 李森 摄", "政府工作报告", "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "省长 李炳军"] + OPENING)
    assert kept_lines(out)[0] == "政府工作报告" and "李森" not in out.text


def test_photo_lines_in_a_news_page_removed():
    page = ["山西品牌丝路行（南美站）正式启动", "图为山西品牌丝路行（南美站）启动仪式。（刘通摄）",
            "跨越千山万水，行程近两万公里，山西品牌丝路行首次登陆巴西，刷新“走出去”的最远纪录。", "（张三 摄）"]
    out = strip(page)
    assert [r for _, r in out.removed] == ["photo-caption", "photo-caption"]


def test_speech_title_byline_and_reporter_words_in_body_kept():
    page = ["2026年天津市政府工作报告", "——在全市经济工作会议上的讲话", "天津市市长 张工"] + OPENING + [
        "优秀新闻记者代表", "要加强对新闻记者的培训和管理，落实好新闻采访服务保障。"]
    assert kept_lines(strip(page)) == page


def test_delivery_sentence_after_the_addressee_is_body():
    page = ["许昌市人民政府办公室关于印发张国晖市长在市政府六届一次全体会议上讲话的通知", "各县（市、区）人民政府，市人民政府各部门：",
            "7月31日，市政府召开了六届一次全体会议，市长张国晖作了重要讲话。现将市长张国晖的讲话印发给你们，请认真组织学习和贯彻落实。",
            "张国晖市长在市政府第一次全体会议上的讲话", "同志们："]
    assert kept_lines(strip(page)) == page


# --- 5. related links, promos, licence footers, continuation markers, editor and source notes -----

def test_trailing_related_label_and_its_titles_removed():
    out = strip(HEADER + OPENING + BODY + ["相关报道：", "政府工作报告全文发布", "代表热议政府工作报告"])
    assert kept_lines(out)[-len(BODY):] == BODY
    assert [r for _, r in out.removed][-3:] == ["related-list", "footer", "footer"]


def test_related_words_in_body_kept():
    body = ["体现岭南风格的体育盛会，相关报道总点击量超610亿次。", "相关新闻发布会将于近期举行。"]
    assert kept_lines(strip(HEADER + OPENING + body))[-2:] == body


def test_promo_removed_but_click_counts_kept():
    out = strip(HEADER + OPENING + ["点击图片进入专题", "主题网页点击量累计超过1亿次。", "点击进入2026全国两会专题>>"])
    assert [r for _, r in out.removed if r == "promo"] == ["promo", "promo"]
    assert "主题网页点击量累计超过1亿次。" in kept_lines(out)


@pytest.mark.parametrize("footer", [
    "本文来源于网络，版权归原作者所有，如有侵权请联系删除。",
    "本作品采用知识共享署名-非商业性使用 4.0 国际许可协议进行许可。",
    "转载请注明出处：中国政府网",
])
def test_licence_footer_removed_but_law_text_kept(footer):
    law = "未经著作权人许可，复制、发行其作品的，应当承担民事责任。"
    out = strip(HEADER + OPENING + [law, footer])
    assert kept_lines(out)[-1] == law
    assert out.removed[-1] == (footer, "licence-footer")


def test_continuation_markers_cut_out_of_the_paragraph():
    line = "为我们做好抗震救灾和灾后恢复重建提供了行动指南。（下转第四版）（紧接第一版） 我们坚持人民至上、生命至上，最大限度保障人民群众生命财产安全。"
    out = strip(HEADER + OPENING + [line, "实施优化营商环境行动方案（2026版），建立营商环境问题闭环管理机制。"])
    assert "为我们做好抗震救灾和灾后恢复重建提供了行动指南。我们坚持人民至上" in out.text
    cut = [text for text, rule in out.removed if rule == "page-continuation"]
    assert cut == ["（下转第四版）", "（紧接第一版）"]
    assert "行动方案（2026版）" in out.text
    out = strip(HEADER + OPENING + ["（上接第一版）全面落实就业优先政策，城镇新增就业30万人以上。"])
    assert kept_lines(out)[-1] == "全面落实就业优先政策，城镇新增就业30万人以上。"


def test_source_note_and_editor_closing_the_page():
    out = strip(["政府工作报告"] + OPENING + BODY + ["（来源：青海日报）", "编辑：何继红"])
    assert out.removed[-2:] == [("（来源：青海日报）", "source-note"), ("编辑：何继红", "editor")]
    assert out.page_meta == {"source_name": "青海日报"}


def test_editor_credits_in_brackets_removed():
    out = strip(["标题"] + OPENING + ["（责任编辑：张三 审核：李四）"])
    assert out.removed == [("（责任编辑：张三 审核：李四）", "editor")]


def test_editor_and_interview_lines_in_body_kept():
    body = ["记者：请问今年的重点工作有哪些？", "编辑出版工作要坚持正确导向。"]
    assert kept_lines(strip(["标题"] + OPENING + body))[-2:] == body


# --- 6. repeated bodies and headers --------------------------------------------------------------

def test_page_header_printed_twice_keeps_the_title_once():
    page = ["分享:", "陕西省2026年政府工作报告", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
            "首页", ">", "政府信息公开", ">", "省政府工作报告",
            "陕西省2026年政府工作报告", "2026年1月27日在陕西省第十四届人民代表大会第四次会议上 陕西省省长 赵刚",
            "时间：", "2026-02-02 09:20", "来源：", "陕西省人民政府", "分享:", "省长赵刚作政府工作报告"] + OPENING
    out = strip_chrome(normalize_text("\n".join(page)).text)
    assert kept_lines(out) == page[1:3] + OPENING
    assert out.page_meta == {"published_at": "2026-02-02 09:20", "source_name": "陕西省人民政府"}
    assert [r for _, r in out.removed].count("repeated-header-line") == 2


def test_table_of_contents_heading_printed_again_is_kept():
    page = ["湖州市国民经济和社会发展第十五个五年规划纲要", "目 录", "第一章 发展基础", "第二章 总体要求",
            "第一章 发展基础", "“十四五”时期，面对复杂严峻的外部环境，全市上下攻坚克难，经济社会发展取得显著成就。"]
    assert kept_lines(strip(page)) == page


def test_print_view_and_page_view_keep_one_body():
    page = TOOLBAR + HEADER + OPENING + BODY + ["【关闭窗口】"] + HEADER + OPENING + BODY
    out = strip(page)
    assert kept_lines(out) == [HEADER[0], HEADER[1], HEADER[4]] + OPENING + BODY
    assert sum(r == "duplicate-body" for _, r in out.removed) == 3 + len(OPENING + BODY)
    assert out.page_meta == {"source_name": "河北日报", "published_at": "2026-02-02"}


def test_truncated_copy_after_close_window_dropped():
    out = strip(HEADER + OPENING + BODY + ["【打印本页】【关闭窗口】", HEADER[0], HEADER[4]] + OPENING)
    assert kept_lines(out) == [HEADER[0], HEADER[1], HEADER[4]] + OPENING + BODY


def test_truncated_preview_before_the_full_page_dropped():
    preview = [HEADER[0], HEADER[4]] + OPENING
    out = strip(preview + ["阅读全文"] + HEADER + OPENING + BODY)
    assert kept_lines(out) == [HEADER[0], HEADER[1], HEADER[4]] + OPENING + BODY
    assert out.page_meta == {"source_name": "河北日报", "published_at": "2026-02-02"}


def test_report_repeating_short_lines_and_headings_is_not_a_duplicate():
    page = HEADER + OPENING + BODY + ["（一）加强组织领导", "各位代表！", "二、2026年主要工作", "（一）加强组织领导", "各位代表！"]
    out = strip(page)
    assert not any(r == "duplicate-body" for _, r in out.removed)
    # a title wrapped over three lines, printed again above the annex: no prose, not a body
    title = ["关于在全市政府系统大力开展忠诚型创新型", "担当型服务型过硬型政府建设加快推动", "九江高质量跨越式发展的实施方案"]
    out = strip(title + ["各县（市、区）人民政府：", "现将《实施方案》印发给你们，请认真贯彻执行。"] + title + BODY)
    assert not any(r == "duplicate-body" for _, r in out.removed)


# --- what is removed is accounted for -------------------------------------------------------------

@pytest.mark.parametrize("path", sorted(FIXTURES.glob("realworld/*/*.txt")) + sorted(FIXTURES.glob("seeds/*.txt")),
                         ids=lambda p: p.stem[:12])
def test_every_line_is_kept_or_recorded(path):
    text = normalize_text(path.read_text(encoding="utf-8")).text
    out = strip_chrome(text)
    kept = set(out.text.split("\n"))
    removed = {t for t, _ in out.removed}
    cut = [t for t, r in out.removed if r in ("page-continuation", "title-file-suffix")]
    squeezed = {"".join(k.split()) for k in kept}
    for line in text.split("\n"):
        s = line.strip()
        if s and s not in kept and s not in removed:
            for piece in cut:
                s = s.replace(piece, "")
            assert "".join(s.split()) in squeezed, line
    assert all(r and r == r.lower() and " " not in r for _, r in out.removed)   # kebab-case rule names


def test_a_byline_with_a_time_or_a_posting_verb_is_the_publication_time():
    """Forum and news dumps print the date on a byline under the title, with no label."""
    for line, want in (("发表于 2005-5-7 21:23", "2005-5-7 21:23"), ("新华社 2020-01-03 18:13", "2020-01-03 18:13")):
        got = strip_chrome(f"关于做好防汛工作的讨论\n{line}\n各地要切实做好防汛准备工作，确保安全度汛。")
        assert got.page_meta.get("published_at") == want and (line, "page-metadata") in got.removed
    # a bare date under a title may be the document's own date: it stays in the text
    kept = strip_chrome("政府工作报告\n2026年1月27日\n各位代表：\n现在，我代表省人民政府向大会报告工作。")
    assert "2026年1月27日" in kept.text and "published_at" not in kept.page_meta
