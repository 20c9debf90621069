"""The tables behind scripts/make_sample_villages.py: which sample villages each township gets,
fictional names, and the wording of risks, signals, shelters, supplies and plans by profile."""

from __future__ import annotations

import random

# township id -> profile of the township, then its sample villages (name, slug, profile).
# Profiles: mountain 山区 (山洪/地灾/森林火灾), river 沿河 (洪涝/溺水), hill 丘陵 (山塘/地灾/溺水),
# urban 城区社区 (高层火灾/一氧化碳/内涝), oldtown 老城区 (一氧化碳/自建房/燃气), park 园区 (危化品).
TOWNSHIPS: dict[str, tuple[str, list[tuple[str, str, str]]]] = {
    "hanchang-jiedao": ("urban", [("河滨社区", "hebin-shequ", "urban-river"), ("西街社区", "xijie-shequ", "oldtown"),
                                  ("东山社区", "dongshan-shequ", "urban-hill")]),
    "tianyue-jiedao": ("urban", [("新城社区", "xincheng-shequ", "urban"), ("城南社区", "chengnan-shequ", "oldtown")]),
    "anding-zhen": ("hill", [("石塘村", "shitang-cun", "hill"), ("桥头村", "qiaotou-cun", "river")]),
    "sanshi-zhen": ("river", [("河背村", "hebei-cun", "river"), ("栗山村", "lishan-cun", "hill")]),
    "jiayi-zhen": ("mountain", [("云溪村", "yunxi-cun", "mountain"), ("铁炉冲村", "tieluchong-cun", "mountain")]),
    "changshou-zhen": ("mountain", [("杉木坑村", "shanmukeng-cun", "mountain"), ("长塘村", "changtang-cun", "river")]),
    "longmen-zhen": ("mountain", [("龙潭村", "longtan-cun", "mountain"), ("黄泥坳村", "huangniao-cun", "mountain")]),
    "hongqiao-zhen": ("hill", [("竹园村", "zhuyuan-cun", "hill"), ("枫树村", "fengshu-cun", "mountain")]),
    "nanjiang-zhen": ("mountain", [("水口村", "shuikou-cun", "river"), ("石门冲村", "shimenchong-cun", "mountain"),
                                   ("老街社区", "laojie-shequ", "oldtown")]),
    "meixian-zhen": ("hill", [("梅溪村", "meixi-cun", "river"), ("桃坪村", "taoping-cun", "hill")]),
    "wukou-zhen": ("river", [("沙洲村", "shazhou-cun", "river"), ("渡头村", "dutou-cun", "river")]),
    "wengjiang-zhen": ("river", [("江口村", "jiangkou-cun", "river"), ("松柏村", "songbai-cun", "hill")]),
    "wushi-zhen": ("river", [("新港村", "xingang-cun", "river"), ("堤湾村", "diwan-cun", "river")]),
    "xiangjia-zhen": ("hill", [("向阳村", "xiangyang-cun", "hill"), ("茶园村", "chayuan-cun", "hill")]),
    "tongshi-zhen": ("hill", [("大坪村", "daping-cun", "hill"), ("柳塘村", "liutang-cun", "river")]),
    "cenchuan-zhen": ("mountain", [("白沙坪村", "baishaping-cun", "mountain"), ("高峰村", "gaofeng-cun", "mountain")]),
    "fushoushan-zhen": ("mountain", [("云峰村", "yunfeng-cun", "mountain"), ("松林村", "songlin-cun", "mountain")]),
    "shangtashi-zhen": ("mountain", [("岩下村", "yanxia-cun", "mountain"), ("栗树坳村", "lishuao-cun", "mountain")]),
    "shiniuzhai-zhen": ("mountain", [("石岭村", "shiling-cun", "mountain"), ("溪口村", "xikou-cun", "river")]),
    "yuping-zhen": ("hill", [("杨梅冲村", "yangmeichong-cun", "hill"), ("凤形村", "fengxing-cun", "mountain")]),
    "sanyang-xiang": ("mountain", [("青山村", "qingshan-cun", "mountain"), ("长冲村", "changchong-cun", "mountain")]),
    "mujin-xiang": ("mountain", [("金坑村", "jinkeng-cun", "mountain"), ("双溪村", "shuangxi-cun", "river")]),
    "banjiang-xiang": ("mountain", [("板桥村", "banqiao-cun", "mountain"), ("狮岩村", "shiyan-cun", "mountain")]),
    "dazhou-xiang": ("river", [("洲上村", "zhoushang-cun", "river"), ("樟树村", "zhangshu-cun", "hill")]),
    "sandun-xiang": ("hill", [("三溪村", "sanxi-cun", "mountain"), ("坳上村", "aoshang-cun", "hill")]),
    "gaoxinqu": ("park", [("兴业社区", "xingye-shequ", "park"), ("新塘村", "xintang-cun", "park-village")]),
}

SURNAMES = "李张王刘陈杨黄吴周钟余彭罗胡汤方凌徐朱邓何谢唐赵黎毛邹"

GIVEN = "建国明华志勇军平红丽芳秀英伟强文武春桂兰海林辉新金良德光友云松清玉霞梅娟波涛"

PREFIXES = ["138", "139", "137", "150", "151", "158", "186", "189", "135", "177"]

GROUP_NUMBERS = "一二三四五六七八九十"

SIGNS = {
    "山洪": "短时强降雨或持续降雨，溪沟水位猛涨、水变浑、夹带树枝泥沙，上游有轰鸣声。危险隐患点发生强降雨时、发生异常险情时、对险情不能研判时，立即转移。",
    "地质灾害": "后山出现新裂缝、坡脚渗浑水、房屋墙体开裂或门窗变形、有掉块或异响。危险隐患点发生强降雨时、发生异常险情时、对险情不能研判时，立即转移。",
    "森林火灾": "发现山林冒烟、明火或闻到焦味；高火险天气和清明、秋冬防火期重点巡查。",
    "洪涝": "河道水位快速上涨、接近堤顶，低洼处开始进水，上游传来汛情通报。",
    "水库山塘": "坝体出现渗水、裂缝、跌窝，水位超过溢洪道或溢洪道堵塞。",
    "高层火灾": "闻到焦糊味、看到烟雾，火灾报警器或消防广播响起。",
    "危险化学品": "闻到刺激性气味、看到异常烟雾，企业报警或园区广播通知。",
}

MEASURES = {
    "溺水": ["危险水域设警示牌，配救生圈、救生杆", "暑假和周末安排人员巡查，劝离野泳人员",
             "落实防溺水“六不”宣传，留守儿童由帮扶人重点看护"],
    "一氧化碳中毒": ["入冬前逐户排查燃煤取暖、燃气热水器安装情况", "提醒住户睡前熄灭炭火、保持通风，推广一氧化碳报警器",
                  "发现中毒者先开窗通风、移到空气新鲜处，再拨打120"],
    "城镇燃气": ["每季度检查沿街餐饮店燃气管线、软管和报警装置", "闻到燃气味不开关电器、不打电话，先关阀开窗再到室外报警"],
    "自建房安全": ["建立经营性自建房台账，发现墙体开裂、地基下沉立即停用并报告", "严禁擅自加层和改变承重结构"],
    "道路交通": ["园区主干道和学校门口设减速带和警示标志", "危化品运输车辆按规定路线和时段通行"],
}

SHELTER_POOL = {
    "村": [("cunbu", "村部", "村委会办公楼及院坪"), ("xuexiao", "村小学", "村小学教学楼和操场"),
          ("wenhua", "村文化广场", "村综合服务中心旁"), ("gaodi", "高处集中避险点", "{g}后山坡上的砖混农户")],
    "社区": [("guangchang", "社区文化广场", "社区服务中心前"), ("xuexiao", "学校操场", "辖区学校操场"),
           ("tiyuguan", "体育馆", "辖区体育馆（应急避难场所）"), ("gongyuan", "公园集合点", "辖区公园草坪")],
}

VIA = {
    "村": [["村道"], ["村道", "石拱桥"], ["机耕道", "村部前坪"], ["山边小路", "村道"], ["组级公路"]],
    "社区": [["小区消防通道"], ["楼梯间", "小区主干道"], ["沿河路", "人行天桥"], ["小区北门", "街道"]],
}

SUPPLIES = {
    "村": [("铜锣", 4, "面"), ("口哨", 20, "个"), ("手摇报警器", 2, "台"), ("强光手电", 15, "把"), ("救生衣", 20, "件"),
          ("救生圈", 6, "个"), ("雨衣雨靴", 20, "套"), ("铁锹", 15, "把"), ("编织袋", 500, "条"), ("发电机", 1, "台"),
          ("急救箱", 2, "个"), ("折叠床", 30, "张"), ("棉被", 40, "床"), ("二号扑火工具", 20, "把"), ("风力灭火机", 3, "台")],
    "社区": [("手持扩音器", 6, "个"), ("强光手电", 20, "把"), ("灭火器", 40, "具"), ("消防过滤式自救呼吸器", 30, "个"),
           ("应急照明灯", 10, "个"), ("急救箱", 4, "个"), ("折叠床", 50, "张"), ("棉被", 60, "床"), ("雨衣雨靴", 20, "套"),
           ("沙袋", 300, "条"), ("抽水泵", 2, "台"), ("一氧化碳报警器（发放用）", 30, "个")],
}

SUMMARY = {
    "mountain": "地处山区，{groups}个村民小组沿溪沟和山脚分散居住。主汛期（4—9月）强降雨易引发山洪和崩塌、滑坡；清明前后和秋冬季森林防火任务重。",
    "river": "沿河而建，{groups}个村民小组中有多个组位于河边低洼地带。汛期河水上涨易造成洪涝，夏季河段野泳易发生溺水。",
    "hill": "丘陵村，山塘较多，部分农户依坡建房。汛期重点防山塘险情和切坡建房处的崩塌，夏季防溺水。",
    "urban": "城区社区，辖{groups}个网格，有高层住宅小区和老旧小区。重点防高层建筑火灾、冬季一氧化碳中毒和暴雨内涝。",
    "urban-river": "城区沿河社区，辖{groups}个网格，沿河街巷地势低。重点防洪涝内涝、高层建筑火灾和河堤溺水。",
    "urban-hill": "城区依山社区，辖{groups}个网格，部分住户切坡建房。重点防地质灾害、高层建筑火灾和一氧化碳中毒。",
    "oldtown": "老城区社区，辖{groups}个网格，沿街自建房和老旧住宅多，不少住户冬季燃煤取暖。重点防一氧化碳中毒、燃气和自建房安全。",
    "park": "园区社区，辖{groups}个网格，周边有工业企业和职工公寓。重点防危险化学品事故、火灾和道路交通事故。",
    "park-village": "园区周边的村，{groups}个村民小组，部分农户与企业相邻。重点防危险化学品事故、洪涝和溺水。",
}

DRILL = {
    "村": "每年汛前（4月底前）组织一次转移避险演练，秋冬防火期前组织一次森林火灾初期扑救演练",
    "社区": "每年11月消防宣传月组织一次高层住宅疏散演练，汛前组织一次内涝转移演练",
}

TOWNSHIP_STRUCTURE = ["总则", "应急组织体系", "报告与预警", "应急处置", "后期处置", "应急保障", "应急预案管理", "附件"]

SPECIAL_STRUCTURE = ["适用范围", "组织指挥与职责", "监测与预警", "响应措施", "人员转移避险", "应急保障"]

SPECIALS = {
    "mountain": [("fangxun", "防汛（山洪地质灾害防御）应急预案", "xian-zx-fangxun", ["山洪", "地质灾害", "洪涝"]),
                 ("senlin", "森林火灾应急预案", "xian-zx-senlin-fangmiehuo", ["森林火灾"])],
    "hill": [("fangxun", "防汛（山塘和地质灾害防御）应急预案", "xian-zx-fangxun", ["山塘险情", "地质灾害", "洪涝"]),
             ("senlin", "森林火灾应急预案", "xian-zx-senlin-fangmiehuo", ["森林火灾"])],
    "river": [("fangxun", "防汛应急预案", "xian-zx-fangxun", ["洪水", "内涝", "山塘险情"]),
              ("fangnishui", "防溺水工作预案", None, ["溺水"])],
    "urban": [("fanglao", "城市内涝防御应急预案", "xian-zx-chengshi-fanglao", ["城市内涝"]),
              ("xiaofang", "消防安全应急预案", "xian-zx-huozai", ["高层建筑火灾", "老旧小区火灾"])],
    "park": [("weihua", "危险化学品事故应急预案", "xian-zx-weihua", ["危险化学品泄漏", "火灾", "爆炸", "中毒窒息"])],
}


# Villages whose sample lists its threatened households (each risk's, as many as the risk says):
# a river village, a mountain village and a hill village.
HOUSEHOLD_VILLAGES = ("nanjiang-zhen-shuikou-cun", "jiayi-zhen-yunxi-cun", "anding-zhen-shitang-cun")


class Names:
    """Fictional names and phone numbers, unique in the whole sample."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.count = 0

    def person(self, rng: random.Random) -> str:
        while True:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.8 else "")
            if name not in self.used and name[1:2] != name[2:3]:
                self.used.add(name)
                return name

    def phone(self, rng: random.Random) -> str:
        self.count += 1
        return f"{rng.choice(PREFIXES)}0730{self.count:04d}"

    def household_phone(self, rng: random.Random) -> str:
        """A household's number: a series of its own, so the village people's stay as they were."""
        self.households = getattr(self, "households", 0) + 1
        return f"{rng.choice(PREFIXES)}0731{self.households:04d}"
