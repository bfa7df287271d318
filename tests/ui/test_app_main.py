"""``perfeval-gui FILE`` through main(): the real start-up path, in a child process."""

from __future__ import annotations

from helpers import run_main


def test_malformed_file_on_the_command_line_shows_error_and_blank_form(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"format": "perfeval-selfeval", "version": 1, "year": "二〇二二"}', encoding="utf-8"
    )
    result = run_main(tmp_path, str(bad))
    assert result.returncode == 0, result.stderr
    assert "TITLE 未命名[*] — perfeval-gui" in result.stdout
    assert "ROWS 9 NAME ''" in result.stdout  # blank form: the standard catalogue
    assert "bad.json”：年度应为整数" in result.stdout


def test_file_on_the_command_line_opens(tmp_path, seed1_path):
    result = run_main(tmp_path, str(seed1_path))
    assert result.returncode == 0, result.stderr
    assert "TITLE seed1_key_enterprise_service.json[*] — perfeval-gui" in result.stdout
    assert "NAME '重点企业服务'" in result.stdout
    assert "BOXES []" in result.stdout
