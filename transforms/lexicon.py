"""Word lists for tokenization and formulations: the political-terms user dictionary and the stop words.

Kept as Python data (not files) so transforms/ does no I/O and every worker gets them on import.
"""

# Established formulations (提法) of national policy in their shortest standard form: the `lexicon`
# kind of transforms/formulations.py, and user words the tokenizer keeps whole. A longer variant
# (放管服改革) goes in OTHER_USER_WORDS, so the scan for the short form still finds it inside the long one.
# Grouped by field; the national vocabulary every report, notice and speech repeats (the current
# plan's 新质生产力, 中国式现代化, 全国统一大市场, 投资于人; the 强国 goals; regional strategies).
# e.g. "因地制宜发展新质生产力" -> 新质生产力; "增强“四个意识”" -> 四个意识
FORMULATION_TERMS = (
    # party building and discipline
    "一岗双责", "两学一做", "八项规定", "四个意识", "四个自信", "两个维护", "两个确立", "四个全面",
    "五位一体", "三重一大", "三严三实", "四风", "容错纠错", "形式主义", "官僚主义", "党风廉政建设",
    "不忘初心", "牢记使命", "全面从严治党", "习近平新时代中国特色社会主义思想", "民主集中制", "正风肃纪",
    "四个自觉", "两个责任", "两个一百年", "自我革命", "正确政绩观", "四下基层", "基层减负", "过紧日子",
    "习近平经济思想", "习近平生态文明思想", "习近平法治思想", "习近平文化思想", "习近平外交思想",
    "习近平强军思想", "社会主义核心价值观", "中华民族共同体意识", "全过程人民民主", "以人民为中心",
    "人民至上", "中华民族伟大复兴", "人类命运共同体", "总体国家安全观", "统筹发展和安全",
    # government reform and services
    "放管服", "放管结合", "简政放权", "一网通办", "一网统管", "最多跑一次", "只进一扇门",
    "高效办成一件事", "证照分离", "互联网+政务服务", "营商环境", "亲清", "法治政府", "服务型政府",
    "枫桥经验",
    # development strategy
    "高质量发展", "新发展理念", "新发展阶段", "新发展格局", "中国式现代化", "新质生产力",
    "供给侧结构性改革", "全国统一大市场", "国内大循环", "国内国际双循环", "高水平对外开放",
    "制度型开放", "扩大内需", "投资于人", "稳中求进", "现代化产业体系", "科技自立自强",
    "新型举国体制", "战略性新兴产业", "未来产业", "专精特新", "数字经济", "实体经济", "民营经济",
    "低空经济", "银发经济", "新型工业化", "新型城镇化", "新型电力系统", "以旧换新", "大规模设备更新",
    "防范化解重大风险", "房地产发展新模式", "人民城市", "城市更新", "六稳", "六保",
    # 2035 goals: the 强国 and the named Chinas
    "制造强国", "质量强国", "网络强国", "交通强国", "教育强国", "科技强国", "人才强国", "文化强国",
    "体育强国", "农业强国", "海洋强国", "美丽中国", "健康中国", "平安中国", "法治中国", "数字中国",
    # rural, ecology, regions
    "精准扶贫", "脱贫攻坚", "乡村振兴", "农业农村现代化", "千万工程", "共同富裕", "碳达峰碳中和",
    "碳达峰", "碳中和", "生态文明建设", "河长制", "林长制", "区域协调发展", "八八战略", "一带一路",
    "长江经济带", "粤港澳大湾区", "京津冀协同发展", "长三角一体化", "成渝地区双城经济圈",
    "黄河流域生态保护和高质量发展", "西部大开发", "东北全面振兴", "中部地区崛起", "海南自由贸易港",
)

# Other words jieba must keep whole (it splits 一把手 and 党组书记 without them): posts, documents,
# practices too generic to be a formulation, and longer forms of one. e.g. "放管服改革", "党组书记"
OTHER_USER_WORDS = (
    "放管服改革", "中央八项规定", "三公经费", "容错纠错机制", "主体责任", "第一责任人", "一把手",
    "亲清政商关系", "优化服务", "政务公开", "依法行政", "一线工作法", "党组书记", "政府工作报告",
)

# The tokenizer's user dictionary. e.g. "落实“一岗双责”" -> 一岗双责, not 一 / 岗 / 双 / 责
POLITICAL_TERMS = FORMULATION_TERMS + OTHER_USER_WORDS

# Function words and fillers left out of the terms table (punctuation, digits and whitespace are
# dropped by rule, not by list). e.g. 的, 了, 我们, 进一步, 一是
STOP_WORDS = frozenset((
    "的", "了", "和", "与", "及", "以及", "或", "或者", "是", "在", "对", "为",
    "把", "将", "被", "从", "向", "于", "由", "以", "而", "并", "并且", "且",
    "也", "都", "又", "还", "就", "才", "要", "会", "能", "可", "可以", "应",
    "应该", "这", "那", "这个", "那个", "这些", "那些", "这样", "那样", "其", "其中", "之",
    "之一", "所", "所以", "因此", "因为", "如果", "但", "但是", "不", "没有", "有", "着",
    "过", "我们", "你们", "他们", "我", "你", "他", "她", "它", "自己", "大家", "各",
    "各个", "每", "每个", "等", "等等", "一", "一个", "一些", "一是", "二是", "三是", "四是",
    "五是", "上", "下", "中", "里", "内", "外", "来", "去", "到", "让", "使",
    "给", "用", "通过", "进行", "一定", "一起", "方面", "问题", "工作", "同时", "特别", "特别是",
    "尤其", "尤其是", "首先", "其次", "最后", "同志们", "即", "如", "若", "则", "该", "此",
    "之间", "之中", "当前", "目前", "今后", "已经", "已", "正在", "更", "更加", "最", "很",
    "非常", "十分", "比较", "怎么", "什么", "怎样", "如何", "为了", "关于", "根据", "按照", "围绕",
    "对于", "这里", "那里", "一下", "一直", "不断", "进一步", "做到", "做好", "抓好",
))
