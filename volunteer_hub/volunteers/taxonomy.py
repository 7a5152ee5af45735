"""The specialty taxonomy a new installation starts with (editable afterwards)."""

# (code, name_zh, name_en); admins add descriptions in their own words.
DEFAULT_SPECIALTIES = (
    ("elder_care", "助老服务", "Elder care"),
    ("disability", "助残服务", "Care for people with disabilities"),
    ("children", "儿童与青少年", "Children and youth"),
    ("medical", "医疗护理", "Medical and nursing"),
    ("counselling", "心理咨询", "Psychological counselling"),
    ("legal", "法律援助", "Legal aid"),
    ("rescue", "应急救援", "Emergency rescue"),
    ("logistics", "物流与驾驶", "Logistics and driving"),
    ("teaching", "教学与辅导", "Teaching and tutoring"),
    ("it_design", "信息技术与设计", "IT and design"),
    ("publicity", "宣传与摄影", "Publicity and photography"),
    ("finance", "财务与会计", "Finance and accounting"),
    ("translation", "翻译", "Translation"),
    ("environment", "环境保护", "Environmental protection"),
    ("community", "社区服务", "Community service"),
    ("events", "活动组织", "Event organisation"),
    ("culture_sport", "文体活动", "Culture and sport"),
)
