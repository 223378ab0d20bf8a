#include "store/vote_repo.h"

#include <boost/json.hpp>

namespace xinyi::store {

namespace {

using I = std::int64_t;

// Choices as stored: the option numbers, comma-separated ("" abstains).
std::string encode_choices(const std::vector<int>& choices) {
  std::string s;
  for (int ch : choices) s += (s.empty() ? "" : ",") + std::to_string(ch);
  return s;
}
std::vector<int> decode_choices(const std::string& s) {
  std::vector<int> out;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t q = s.find(',', p);
    if (q == std::string::npos) q = s.size();
    out.push_back(std::stoi(s.substr(p, q - p)));
    p = q + 1;
  }
  return out;
}

namespace json = boost::json;

// The tally as votes.result keeps it (vote::result_json; the same document since the first
// release, so old rows read).
std::string encode_result(const vote::Result& res, const std::vector<std::string>& labels) {
  return json::serialize(vote::result_json(res, labels));
}

vote::Result decode_result(const std::string& text, int matter) {
  const json::object o = json::parse(text).as_object();
  vote::Result r;
  r.total_area = o.at("total_area_centi_m2").as_int64();
  r.total_owners = o.at("total_owners").as_int64();
  r.voted_area = o.at("voted_area_centi_m2").as_int64();
  r.voted_owners = o.at("voted_owners").as_int64();
  r.abstain_area = o.at("abstain_area_centi_m2").as_int64();
  r.abstain_owners = o.at("abstain_owners").as_int64();
  r.quorum_area = o.at("quorum_area").as_bool();
  r.quorum_owners = o.at("quorum_owners").as_bool();
  r.quorum = o.at("quorum").as_bool();
  r.special = vote::is_special(matter);
  for (const auto& x : o.at("options").as_array()) {
    const auto& t = x.as_object();
    r.options.push_back(
        {t.at("area_centi_m2").as_int64(), t.at("owners").as_int64(), t.at("carried").as_bool()});
  }
  for (const auto& w : o.at("winners").as_array())
    r.winners.push_back(static_cast<int>(w.as_int64()));
  r.passed = o.at("passed").as_bool();
  return r;
}

std::vector<I> ids(Connection& c, std::string_view sql, const std::vector<Value>& args) {
  std::vector<I> out;
  for (auto& r : c.query(sql, args)) out.push_back(r.i64(0));
  return out;
}

std::vector<VoteKey> vote_keys(Connection& c, std::string_view sql,
                               const std::vector<Value>& args) {
  std::vector<VoteKey> out;
  for (auto& r : c.query(sql, args)) out.push_back({r.i64(0), r.i64(1)});
  return out;
}

}  // namespace

std::optional<VoteRec> get_vote(Connection& c, I cid, I id) {
  auto r = c.query_one(
      "SELECT id, compound_id, COALESCE(proposal_id, 0), COALESCE(tender_id, 0), title, description, kind, status, result, "
      "matter, seats, secret, passed, COALESCE(opens_at, 0), closes_at, COALESCE(closed_at, 0), total_area, total_owners "
      "FROM votes WHERE compound_id = ? AND id = ?",
      {cid, id});
  if (!r) return std::nullopt;
  VoteRec v;
  v.id = r->i64(0), v.compound_id = r->i64(1), v.proposal_id = r->i64(2), v.tender_id = r->i64(3);
  v.title = r->str(4), v.description = r->str(5), v.kind = r->str(6), v.status = r->str(7);
  v.matter = static_cast<int>(r->i64(9)), v.seats = static_cast<int>(r->i64(10));
  if (const std::string stored = r->str(8); !stored.empty())
    v.result = decode_result(stored, v.matter);
  v.secret = r->i64(11) != 0, v.passed = r->i64(12) != 0;
  v.opens_at_ms = r->i64(13), v.closes_at_ms = r->i64(14), v.closed_at_ms = r->i64(15);
  v.total_area_centi_m2 = r->i64(16), v.total_owners = r->i64(17);
  for (auto& o :
       c.query("SELECT label, COALESCE(bid_id, 0) FROM vote_options WHERE vote_id = ? ORDER BY n",
               {id})) {
    v.options.push_back(o.str(0));
    v.option_bid_ids.push_back(o.i64(1));
  }
  return v;
}

I insert_vote(Connection& c, I cid, const NewVoteRec& v, I now_ms) {
  return c.scalar(
      "INSERT INTO votes (compound_id, proposal_id, tender_id, title, description, matter, kind, seats, secret, status, closes_at, "
      "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
      {cid, id_or_null(v.proposal_id), id_or_null(v.tender_id), v.title, v.description, I{v.matter},
       v.kind, I{v.seats}, I{v.secret}, v.closes_at_ms, id_or_null(v.created_by), now_ms});
}

void insert_vote_option(Connection& c, I cid, I vote_id, I n, const std::string& label, I bid_id) {
  c.execute(
      "INSERT INTO vote_options (compound_id, vote_id, n, label, bid_id) VALUES (?, ?, ?, ?, ?)",
      {cid, vote_id, n, label, id_or_null(bid_id)});
}

std::vector<I> list_published_vote_ids(Connection& c, I cid) {
  return ids(c,
             "SELECT id FROM votes WHERE compound_id = ? AND status <> 'draft' ORDER BY "
             "CASE status WHEN 'open' THEN 0 ELSE 1 END, closes_at DESC LIMIT 200",
             {cid});
}

std::vector<I> proposal_vote_ids(Connection& c, I cid, I proposal_id) {
  return ids(c, "SELECT id FROM votes WHERE compound_id = ? AND proposal_id = ? ORDER BY id",
             {cid, proposal_id});
}

// ---- The electorate.

void insert_elector(Connection& c, I cid, I vote_id, I no, I area_centi_m2, bool developer) {
  c.execute(
      "INSERT INTO vote_electors (compound_id, vote_id, no, area_centi_m2, developer) VALUES (?, ?, ?, ?, ?)",
      {cid, vote_id, no, area_centi_m2, I{developer}});
}

void insert_elector_unit(Connection& c, I cid, I vote_id, I unit_id, I no) {
  c.execute(
      "INSERT INTO vote_elector_units (compound_id, vote_id, unit_id, no) VALUES (?, ?, ?, ?)",
      {cid, vote_id, unit_id, no});
}

void mark_vote_open(Connection& c, I vote_id, I opens_at_ms, I total_area_centi_m2,
                    I total_owners) {
  c.execute(
      "UPDATE votes SET status = 'open', opens_at = ?, total_area = ?, total_owners = ? WHERE id = ?",
      {opens_at_ms, total_area_centi_m2, total_owners, vote_id});
}

std::vector<OwnedElectorRec> owned_electors(Connection& c, I vote_id, I user_id) {
  std::vector<OwnedElectorRec> out;
  // The developer's units (unsold, or sold but undelivered) are one owner: a buyer's claim on
  // one of them does not speak for the developer; that elector votes on paper.
  for (
      auto& r : c.query(
          "SELECT DISTINCT eu.no, eu.unit_id FROM claims cl JOIN vote_elector_units eu ON eu.unit_id = cl.unit_id "
          "AND eu.vote_id = ? JOIN vote_electors e ON e.vote_id = eu.vote_id AND e.no = eu.no AND e.developer = 0 "
          "WHERE cl.user_id = ? AND cl.relation = 'owner' "
          // Only a claim made before the vote opened speaks for its electors: an
          // owner record and claim added while it runs could cast someone's ballot.
          "AND cl.created_at <= (SELECT opens_at FROM votes WHERE id = ?) ORDER BY eu.no",
          {vote_id, user_id, vote_id}))
    out.push_back({r.i64(0), r.i64(1)});
  return out;
}

std::vector<ElectorUnitRec> elector_units(Connection& c, I vote_id, I no) {
  std::vector<ElectorUnitRec> out;
  for (
      auto& r : c.query(
          "SELECT y.name, u.label FROM vote_elector_units eu JOIN units u ON u.id = eu.unit_id JOIN courtyards y "
          "ON y.id = u.courtyard_id WHERE eu.vote_id = ? AND eu.no = ? ORDER BY u.id",
          {vote_id, no}))
    out.push_back({r.str(0), r.str(1)});
  return out;
}

ElectorRec get_elector(Connection& c, I vote_id, I no) {
  ElectorRec e;
  e.area_centi_m2 = c.scalar("SELECT area_centi_m2 FROM vote_electors WHERE vote_id = ? AND no = ?",
                             {vote_id, no});
  e.first_unit_id =
      c.query_one("SELECT MIN(unit_id) FROM vote_elector_units WHERE vote_id = ? AND no = ?",
                  {vote_id, no})
          ->i64(0);
  return e;
}

std::optional<I> elector_of_unit(Connection& c, I vote_id, I unit_id) {
  auto r = c.query_one("SELECT no FROM vote_elector_units WHERE vote_id = ? AND unit_id = ?",
                       {vote_id, unit_id});
  if (!r) return std::nullopt;
  return r->i64(0);
}

// ---- Ballots.

std::optional<BallotRec> get_ballot(Connection& c, I vote_id, I no) {
  auto r = c.query_one(
      "SELECT no, receipt, choices, channel, voucher_sha256, cast_at, entered_by, countersigned_by FROM ballots "
      "WHERE vote_id = ? AND no = ?",
      {vote_id, no});
  if (!r) return std::nullopt;
  BallotRec b;
  b.no = r->i64(0), b.receipt = r->str(1), b.choices = decode_choices(r->str(2));
  b.channel = r->str(3), b.voucher_sha256 = r->str(4), b.cast_at_ms = r->i64(5);
  b.entered_by = r->opt_i64(6), b.countersigned_by = r->opt_i64(7);
  return b;
}

bool receipt_taken(Connection& c, I vote_id, const std::string& receipt) {
  return c.scalar("SELECT COUNT(*) FROM ballots WHERE vote_id = ? AND receipt = ?",
                  {vote_id, receipt}) != 0;
}

void insert_ballot(Connection& c, I vote_id, I no, const std::string& receipt,
                   const std::vector<int>& choices, const std::string& channel,
                   const std::string& voucher_sha256, I now_ms) {
  c.execute(
      "INSERT INTO ballots (compound_id, vote_id, no, receipt, choices, channel, voucher_sha256, cast_at) "
      "VALUES ((SELECT compound_id FROM votes WHERE id = ?), ?, ?, ?, ?, ?, ?, ?)",
      {vote_id, vote_id, no, receipt, encode_choices(choices), channel, voucher_sha256, now_ms});
}

void update_ballot(Connection& c, I vote_id, I no, const std::vector<int>& choices,
                   const std::string& channel, const std::string& voucher_sha256, I now_ms) {
  c.execute(
      "UPDATE ballots SET choices = ?, channel = ?, voucher_sha256 = ?, cast_at = ?, changes = changes + 1 "
      "WHERE vote_id = ? AND no = ?",
      {encode_choices(choices), channel, voucher_sha256, now_ms, vote_id, no});
}

void set_ballot_entered_by(Connection& c, I vote_id, I no, std::optional<I> entered_by) {
  c.execute(
      "UPDATE ballots SET entered_by = ?, countersigned_by = NULL, countersigned_at = NULL WHERE vote_id = ? AND no = ?",
      {entered_by ? Value(*entered_by) : Value(nullptr), vote_id, no});
}

void countersign_ballot(Connection& c, I vote_id, I no, I by, I now_ms) {
  c.execute(
      "UPDATE ballots SET countersigned_by = ?, countersigned_at = ? WHERE vote_id = ? AND no = ?",
      {by, now_ms, vote_id, no});
}

TurnoutRec turnout(Connection& c, I vote_id) {
  TurnoutRec t;
  auto r = c.query_one(
      "SELECT COUNT(*), COALESCE(SUM(e.area_centi_m2), 0) FROM ballots b JOIN vote_electors e "
      "ON e.vote_id = b.vote_id AND e.no = b.no WHERE b.vote_id = ? AND (b.channel <> 'paper' OR b.countersigned_by IS NOT NULL)",
      {vote_id});
  t.voted_owners = r->i64(0), t.voted_area_centi_m2 = r->i64(1);
  t.paper_counted = c.scalar(
      "SELECT COUNT(*) FROM ballots b WHERE b.vote_id = ? AND b.channel = 'paper' AND b.countersigned_by IS NOT NULL",
      {vote_id});
  t.paper_awaiting = c.scalar(
      "SELECT COUNT(*) FROM ballots b WHERE b.vote_id = ? AND b.channel = 'paper' AND b.countersigned_by IS NULL",
      {vote_id});
  return t;
}

std::vector<WeightedBallotRec> counted_ballots(Connection& c, I vote_id) {
  std::vector<WeightedBallotRec> out;
  for (
      auto& r : c.query(
          "SELECT e.area_centi_m2, b.choices FROM ballots b JOIN vote_electors e ON e.vote_id = b.vote_id "
          "AND e.no = b.no WHERE b.vote_id = ? AND (b.channel <> 'paper' OR b.countersigned_by IS NOT NULL)",
          {vote_id}))
    out.push_back({r.i64(0), decode_choices(r.str(1))});
  return out;
}

std::vector<ReceiptRec> counted_receipts(Connection& c, I vote_id) {
  std::vector<ReceiptRec> out;
  for (
      auto& r : c.query(
          "SELECT receipt, choices FROM ballots b WHERE vote_id = ? AND (b.channel <> 'paper' OR b.countersigned_by IS NOT NULL) ORDER BY receipt",
          {vote_id}))
    out.push_back({r.str(0), decode_choices(r.str(1))});
  return out;
}

std::vector<RollRec> counted_roll(Connection& c, I vote_id) {
  std::vector<RollRec> out;
  for (
      auto& r : c.query(
          "SELECT no, choices, channel FROM ballots b WHERE vote_id = ? AND (b.channel <> 'paper' OR b.countersigned_by IS NOT NULL) ORDER BY no",
          {vote_id}))
    out.push_back({r.i64(0), decode_choices(r.str(1)), r.str(2)});
  return out;
}

std::vector<PaperBallotRec> list_paper_ballots(Connection& c, I vote_id) {
  std::vector<PaperBallotRec> out;
  for (
      auto& r : c.query(
          "SELECT b.no, b.choices, b.voucher_sha256, b.cast_at, COALESCE(e.name, ''), COALESCE(s.name, ''), "
          "b.countersigned_at, b.entered_by FROM ballots b LEFT JOIN users e ON e.id = b.entered_by "
          "LEFT JOIN users s ON s.id = b.countersigned_by WHERE b.vote_id = ? AND b.channel = 'paper' ORDER BY b.no LIMIT 5000",
          {vote_id})) {
    PaperBallotRec p;
    p.no = r.i64(0), p.choices = decode_choices(r.str(1)), p.voucher_sha256 = r.str(2);
    p.cast_at_ms = r.i64(3), p.entered_by_name = r.str(4), p.countersigned_by_name = r.str(5);
    p.countersigned_at_ms = r.opt_i64(6), p.entered_by = r.opt_i64(7);
    out.push_back(std::move(p));
  }
  return out;
}

void record_result(Connection& c, I vote_id, const vote::Result& result,
                   const std::vector<std::string>& labels, I now_ms) {
  c.execute(
      "UPDATE votes SET status = 'closed', result = ?, passed = ?, closed_at = ? WHERE id = ?",
      {encode_result(result, labels), I{result.passed}, now_ms, vote_id});
}

// ---- Scans.

std::optional<BallotScanRec> get_ballot_scan(Connection& c, I cid, const std::string& sha256) {
  auto r = c.query_one("SELECT vote_id, no FROM ballot_scans WHERE compound_id = ? AND sha256 = ?",
                       {cid, sha256});
  if (!r) return std::nullopt;
  return BallotScanRec{r->i64(0), r->i64(1)};
}

void insert_ballot_scan(Connection& c, I cid, const std::string& sha256, I vote_id, I no,
                        bool secret, I now_ms) {
  c.execute(
      "INSERT INTO ballot_scans (compound_id, sha256, vote_id, no, secret, entered_at) VALUES (?, ?, ?, ?, ?, ?)",
      {cid, sha256, vote_id, no, I{secret ? 1 : 0}, now_ms});
}

// ---- The clock.

std::vector<VoteKey> votes_due_to_close(Connection& c, I now_ms) {
  return vote_keys(
      c,
      "SELECT compound_id, id FROM votes WHERE status = 'open' AND closes_at <= ? ORDER BY closes_at, id LIMIT 20",
      {now_ms});
}

std::vector<VoteKey> votes_to_remind(Connection& c, I now_ms, I until_ms) {
  return vote_keys(
      c,
      "SELECT compound_id, id FROM votes WHERE status = 'open' AND reminded = 0 AND closes_at > ? AND closes_at <= ? "
      "ORDER BY id LIMIT 20",
      {now_ms, until_ms});
}

bool mark_reminded(Connection& c, I vote_id) {
  return c.execute("UPDATE votes SET reminded = 1 WHERE id = ? AND reminded = 0", {vote_id}) == 1;
}

bool is_secret_ballot_scan(Connection& c, std::int64_t cid, const std::string& sha256) {
  return c.query_one(
             "SELECT 1 FROM ballots b JOIN votes v ON v.id = b.vote_id WHERE b.compound_id = ? AND "
             "b.voucher_sha256 = ? AND v.secret = 1 LIMIT 1",
             {cid, sha256}) ||
         c.query_one(
             "SELECT 1 FROM ballot_scans WHERE compound_id = ? AND sha256 = ? AND secret = 1 LIMIT 1",
             {cid, sha256});
}

std::vector<ElectorNoRec> list_electors(Connection& c, std::int64_t vote_id) {
  std::vector<ElectorNoRec> out;
  for (auto& r :
       c.query("SELECT no, developer FROM vote_electors WHERE vote_id = ? ORDER BY no", {vote_id}))
    out.push_back({r.i64(0), r.i64(1) != 0});
  return out;
}

}  // namespace xinyi::store
