#include "http/static_files.h"

#include <fstream>
#include <sstream>

#include "http/problem.h"

namespace xinyi::http {

namespace fs = std::filesystem;

namespace {
constexpr std::uintmax_t kMaxStaticFileBytes = 32 * 1024 * 1024;

bool safe_relative(const std::string& path) {
  if (path.find('\0') != std::string::npos || path.find('\\') != std::string::npos) return false;
  std::size_t i = 0;
  while (i <= path.size()) {
    std::size_t j = path.find('/', i);
    if (j == std::string::npos) j = path.size();
    std::string seg = path.substr(i, j - i);
    if (seg == ".." || seg == ".") return false;
    i = j + 1;
  }
  return true;
}
}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  std::error_code ec;
  if (root.empty()) return;
  root_ = fs::canonical(root, ec);
  usable_ = !ec && fs::is_regular_file(root_ / "index.html", ec);
}

std::string StaticFiles::mime_type(const std::string& path) {
  static const std::unordered_map<std::string, std::string> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff", "font/woff"},
      {".woff2", "font/woff2"},
      {".ttf", "font/ttf"},
      {".txt", "text/plain; charset=utf-8"},
      {".map", "application/json"},
      {".pdf", "application/pdf"},
      {".webmanifest", "application/manifest+json"}};
  auto ext = fs::path(path).extension().string();
  for (auto& ch : ext) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  auto it = types.find(ext);
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::optional<std::string> StaticFiles::read_inside_root(const fs::path& p) const {
  std::error_code ec;
  fs::path real = fs::canonical(p, ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  auto rel = real.lexically_relative(root_);
  if (rel.empty() || *rel.begin() == "..") return std::nullopt;  // a symlink out of the root
  if (fs::file_size(real, ec) > kMaxStaticFileBytes || ec) return std::nullopt;
  std::ifstream f(real, std::ios::binary);
  if (!f) return std::nullopt;
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

Response StaticFiles::serve(const std::string& path) const {
  if (!usable_) {
    Response r;
    r.content_type = "text/html; charset=utf-8";
    r.body =
        "<!doctype html><meta charset=utf-8><title>信义 Xinyi</title><p>网页前端尚未构建（web/dist 不存在）。"
        "请用 README 中的命令启动。<p>The web app is not built (no web/dist). Start Xinyi with the command in README.md; "
        "the API is at <a href=/api/v1/health>/api/v1/health</a>.";
    return r;
  }
  if (!safe_relative(path)) return problem(400, "bad-path", "路径无效", "Invalid path");
  std::string rel = path;
  while (!rel.empty() && rel.front() == '/') rel.erase(0, 1);
  if (rel.empty()) rel = "index.html";
  auto body = read_inside_root(root_ / rel);
  std::string served = rel;
  if (!body) {
    bool has_ext = fs::path(rel).has_extension();
    if (has_ext) return problem(404, "not-found", "文件不存在", "File not found");
    body = read_inside_root(root_ / "index.html");
    served = "index.html";
    if (!body) return problem(404, "not-found", "文件不存在", "File not found");
  }
  Response r;
  r.content_type = mime_type(served);
  r.body = std::move(*body);
  r.headers.emplace_back("Cache-Control", served.starts_with("assets/")
                                              ? "public, max-age=31536000, immutable"
                                              : "no-cache");
  return r;
}

}  // namespace xinyi::http
