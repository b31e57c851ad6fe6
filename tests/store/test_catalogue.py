import pytest

from baocao_gui.domain.catalogue import CatalogueError, parse_catalogue
from baocao_gui.paths import resource
from baocao_gui.store.seed import load_catalogue, read_toml


def test_bundled_catalogue_describes_the_sectors_of_a_labour_department():
    cat = load_catalogue("sldtbxh")
    assert [s.code for s in cat.sectors] == [
        "tham_muu", "lao_dong", "giam_ngheo_btxh", "nguoi_co_cong", "tre_em_bdg", "thanh_tra"]
    jobs = next(i for i in cat.indicators if i.code == "viec_lam")
    assert jobs.unit and "{{viec_lam" in jobs.sentence
    assert all(i.sentence for i in cat.indicators), "every indicator has the sentence that states it"


def test_another_department_is_a_different_catalogue_not_code():
    data = read_toml(resource("catalogues", "sldtbxh.toml"))
    data["catalogue"]["id"] = "so_y_te"
    data["rule"] = []
    data["sector"] = [{"code": "kham_chua_benh", "title": "Công tác khám, chữa bệnh", "task_title": "Khám, chữa bệnh",
                       "indicator": [{"code": "luot_kham", "name": "Lượt khám", "unit": "lượt",
                                      "sentence": "Khám cho {{luot_kham}} lượt người."}]}]
    cat = parse_catalogue(data)
    assert cat.id == "so_y_te" and cat.indicators[0].code == "luot_kham"


@pytest.mark.parametrize("fault", ["repeated code", "parent after child", "unknown citation", "missing label"])
def test_a_faulty_catalogue_is_refused_with_its_fault_named(fault):
    data = read_toml(resource("catalogues", "sldtbxh.toml"))
    inds = data["sector"][1]["indicator"]
    if fault == "repeated code":
        inds.append(dict(inds[0]))
    elif fault == "parent after child":
        inds.append({"code": "moi", "name": "x", "parent": "chua_co"})
    elif fault == "unknown citation":
        inds[0]["sentence"] = "{{khong_ton_tai}}"
    else:
        del data["labels"]["results"]
    with pytest.raises(CatalogueError):
        parse_catalogue(data)
