#include "report/notice_pdf.h"

#include <hpdf.h>
#include <iconv.h>
#include <qrencode.h>

#include <memory>
#include <stdexcept>
#include <vector>

#include "domain/money.h"
#include "domain/text.h"

namespace xinyi::report {

namespace {

// libharu reports errors through a C callback; exceptions must not unwind through C frames,
// so the callback only records the first error, and notice_pdf() throws after the fact.
void on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user) {
  auto* first = static_cast<std::string*>(user);
  if (first->empty())
    *first = "libharu error " + std::to_string(error_no) + "/" + std::to_string(detail_no);
}

// The fonts' encoding is GBK; characters GBK lacks print as '?'.
std::string gbk(const std::string& utf8) {
  iconv_t cd = iconv_open("GBK//TRANSLIT", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return utf8;
  std::string out(utf8.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(utf8.data());
  std::size_t in_left = utf8.size(), out_left = out.size();
  char* o = out.data();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &o, &out_left) == static_cast<std::size_t>(-1)) {
      if (out_left == 0) break;
      *o++ = '?';
      --out_left;
      // Skip one UTF-8 character.
      do {
        ++in;
        --in_left;
      } while (in_left > 0 && (static_cast<unsigned char>(*in) & 0xC0) == 0x80);
    }
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

struct Pdf {
  std::string error;
  HPDF_Doc doc;
  HPDF_Page page;
  HPDF_Font song, hei, latin, mono;
  float y = 0;
  float width = 0;  // the page as drawn on (A4 points), whatever the paper
  // large: the A4 layout drawn on A3 at √2, so every letter is 41 % larger (大字版, for the
  // notice board and elderly readers).
  explicit Pdf(bool large) {
    doc = HPDF_New(on_error, &error);
    if (!doc) throw std::runtime_error("libharu: out of memory");
    HPDF_UseCNSFonts(doc);
    HPDF_UseCNSEncodings(doc);
    song = HPDF_GetFont(doc, "SimSun", "GBK-EUC-H");
    hei = HPDF_GetFont(doc, "SimHei", "GBK-EUC-H");
    latin = HPDF_GetFont(doc, "Helvetica", "WinAnsiEncoding");
    mono = HPDF_GetFont(doc, "Courier", "WinAnsiEncoding");
    page = HPDF_AddPage(doc);
    HPDF_Page_SetSize(page, large ? HPDF_PAGE_SIZE_A3 : HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    const float k = large ? 1.41421356f : 1.0f;
    if (large) HPDF_Page_Concat(page, k, 0, 0, k, 0, 0);
    width = HPDF_Page_GetWidth(page) / k;
    y = HPDF_Page_GetHeight(page) / k - 56;
  }
  ~Pdf() { HPDF_Free(doc); }
  void text(float x, float at_y, const std::string& s, float size, bool bold = false) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, bold ? hei : song, size);
    HPDF_Page_TextOut(page, x, at_y, gbk(s).c_str());
    HPDF_Page_EndText(page);
  }
  // Right-aligned at x.
  void rtext(float x, float at_y, const std::string& s, float size) {
    std::string g = gbk(s);
    HPDF_Page_SetFontAndSize(page, song, size);
    float w = HPDF_Page_TextWidth(page, g.c_str());
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, x - w, at_y, g.c_str());
    HPDF_Page_EndText(page);
  }
  // Amounts in Helvetica (proportional digits; ¥ is 0xA5 in WinAnsi), right-aligned at x.
  void amount(float x, float at_y, std::string s, float size) {
    for (std::size_t p; (p = s.find("¥")) != std::string::npos;)
      s.replace(p, std::string("¥").size(), "\xA5");
    HPDF_Page_SetFontAndSize(page, latin, size);
    float w = HPDF_Page_TextWidth(page, s.c_str());
    HPDF_Page_BeginText(page);
    HPDF_Page_TextOut(page, x - w, at_y, s.c_str());
    HPDF_Page_EndText(page);
  }
  void ascii(float x, float at_y, const std::string& s, float size) {
    HPDF_Page_BeginText(page);
    HPDF_Page_SetFontAndSize(page, mono, size);
    HPDF_Page_TextOut(page, x, at_y, s.c_str());
    HPDF_Page_EndText(page);
  }
  void line(float x0, float y0, float x1) {
    HPDF_Page_SetLineWidth(page, 0.5);
    HPDF_Page_MoveTo(page, x0, y0);
    HPDF_Page_LineTo(page, x1, y0);
    HPDF_Page_Stroke(page);
  }
  std::string bytes() {
    HPDF_SaveToStream(doc);
    HPDF_UINT32 size = HPDF_GetStreamSize(doc);
    std::string out(size, '\0');
    HPDF_ReadFromStream(doc, reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
    out.resize(size);
    return out;
  }
};

void qr(Pdf& pdf, const std::string& url, float x, float y_top, float size) {
  std::unique_ptr<QRcode, decltype(&QRcode_free)> q(
      QRcode_encodeString8bit(url.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
  if (!q) return;
  float m = size / q->width;
  HPDF_Page_SetRGBFill(pdf.page, 0, 0, 0);
  for (int r = 0; r < q->width; ++r)
    for (int c = 0; c < q->width; ++c)
      if (q->data[r * q->width + c] & 1)
        HPDF_Page_Rectangle(pdf.page, x + c * m, y_top - (r + 1) * m, m, m);
  HPDF_Page_Fill(pdf.page);
}

}  // namespace

std::string notice_pdf(const settle::MonthlyNotice& d, const std::string& public_url, bool large) {
  Pdf pdf(large);
  const float left = 56, right = pdf.width - 56;
  pdf.text(left, pdf.y, d.compound_name + " " + d.period_zh + " 收支公示", 20, true);
  pdf.y -= 22;
  pdf.text(left, pdf.y, d.address + "　　公示日期：" + d.generated_on, 10);
  pdf.y -= 14;
  pdf.text(
      left, pdf.y,
      "本公示依据信托制小区治理要求张贴。每一笔收支、凭证和审批均可扫描右下角二维码在线查看并独立核验。",
      10);
  pdf.y -= 28;

  auto section = [&](const std::string& title) {
    pdf.text(left, pdf.y, title, 13, true);
    pdf.y -= 6;
    pdf.line(left, pdf.y, right);
    pdf.y -= 16;
  };
  auto row = [&](const std::string& a, const std::string& b, float size = 11) {
    pdf.text(left + 8, pdf.y, a, size);
    pdf.amount(right - 8, pdf.y, b, size);
    pdf.y -= size + 6;
  };

  section("一、本月收入");
  for (const auto& r : d.income) row(r.name, format_yuan(r.amount_fen));
  row("收入合计", format_yuan(d.income_total_fen), 11);
  pdf.y -= 8;
  section("二、本月支出");
  for (const auto& r : d.expenses) row(r.name, format_yuan(r.amount_fen));
  row("支出合计", format_yuan(d.expense_total_fen), 11);
  pdf.y -= 8;
  section("三、月末资金余额");
  for (const auto& r : d.balances) row(r.name, format_yuan(r.amount_fen));
  pdf.y -= 8;
  section("四、院落结算");
  const float cols[] = {left + 8, right - 300, right - 200, right - 100, right - 8};
  pdf.text(cols[0], pdf.y, "院落", 10, true);
  const char* heads[] = {"上期结转", "本期收入", "本期支出", "结转下期"};
  for (int i = 0; i < 4; ++i) pdf.rtext(cols[i + 1], pdf.y, heads[i], 10);
  pdf.y -= 16;
  for (const auto& y : d.settlement) {
    pdf.text(cols[0], pdf.y, y.name, 10);
    pdf.amount(cols[1], pdf.y, format_yuan(y.carried_in_fen), 10);
    pdf.amount(cols[2], pdf.y, format_yuan(y.fee_income_fen + y.other_income_fen), 10);
    pdf.amount(cols[3], pdf.y, format_yuan(y.own_costs_fen + y.allocated_costs_fen), 10);
    pdf.amount(cols[4], pdf.y, format_yuan(y.carried_out_fen()), 10);
    pdf.y -= 15;
    if (pdf.y < 200) break;  // one page: the QR code's space is kept
  }
  pdf.y -= 8;
  section("五、欠费情况（只公布户数和金额）");
  row("欠费户数 " + std::to_string(d.units_in_arrears) + " 户", format_yuan(d.owed_fen));

  // The footer: the signed tree head, and the QR code to the page where all of this is checked.
  const float qr_size = 110;
  qr(pdf, public_url, right - qr_size, 56 + qr_size, qr_size);
  pdf.text(left, 140, "账本防篡改校验", 11, true);
  pdf.text(left, 124, "截至公示时已签名账目 " + std::to_string(d.tree_size) + " 笔，账本根哈希：",
           9);
  const std::string& root = d.root_hex;
  pdf.ascii(left, 110, root.substr(0, 32), 9);
  pdf.ascii(left, 98, root.substr(32), 9);
  pdf.text(left, 80, "扫码打开本小区公开账本，可逐笔核对并在浏览器中核验。", 9);
  pdf.ascii(left, 66, public_url.substr(0, 80), 8);
  std::string out = pdf.bytes();
  if (!pdf.error.empty()) throw std::runtime_error(pdf.error);
  return out;
}

}  // namespace xinyi::report
