import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from hotelsales.punctuation import aside, clause_list, label, word_list
from hotelsales.tabular import Column, TableError, read_table


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("zh-hans", ["早餐、午餐、晚餐", "欠款超限；催款冻结", "原因：", "（2 晚）"]),
        ("en", ["早餐, 午餐, 晚餐", "欠款超限; 催款冻结", "原因: ", " (2 晚)"]),
    ],
)
def test_words_clauses_labels_and_asides_take_the_marks_of_the_language(language, written):
    with translation.override(language):
        marked = [word_list(["早餐", "午餐", "晚餐"]), clause_list(["欠款超限", "催款冻结"])]
        marked += [label("原因"), aside("2 晚")]
    assert marked == written


def test_the_missing_columns_of_a_file_are_listed_with_the_chinese_list_mark():
    columns = [Column("name", "姓名", required=True), Column("type", "房型", required=True), Column("note", "备注")]
    with translation.override("zh-hans"), pytest.raises(TableError) as refused:
        read_table(SimpleUploadedFile("rows.csv", "备注\n早到\n".encode()), columns=columns)
    assert "姓名、房型" in refused.value.messages[0]
