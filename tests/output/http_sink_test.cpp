#include "output/http_sink.h"

#include <gtest/gtest.h>

#include "output/dispatcher.h"
#include "output/fake_sink.h"
#include "output/http_receiver.h"
#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::eventually;
using testing::HttpReceiver;
using testing::sample_alert;
using namespace std::chrono_literals;

FormatOptions json_format() {
  FormatOptions f;
  f.json_output = true;
  return f;
}

HttpSinkOptions options_for(const std::string& url) {
  HttpSinkOptions o;
  o.url = url;
  o.timeout_ms = 3000;
  return o;
}

DispatcherOptions quick_retries() {
  DispatcherOptions o;
  o.max_attempts = 2;
  o.initial_backoff = 1ms;
  o.loss_report_interval = 10ms;
  o.hostname = "h";
  return o;
}

TEST(HttpSinkTest, PostsOneJsonAlertPerRequest) {
  HttpReceiver receiver;
  HttpSinkOptions o = options_for(receiver.url("/"));
  o.user_agent = "lanner-test";
  HttpSink sink(o, json_format());
  for (int i = 0; i < 3; ++i) {
    DeliveryResult r = sink.deliver(sample_alert("Rule " + std::to_string(i)));
    ASSERT_TRUE(r.ok) << r.error;
  }
  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    const auto& req = requests[i];
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(req.path, "/");
    EXPECT_EQ(req.headers.at("content-type"), "application/json");
    EXPECT_EQ(req.headers.at("user-agent"), "lanner-test");
    auto body = nlohmann::json::parse(req.body);
    EXPECT_EQ(body["rule"], "Rule " + std::to_string(i));
    EXPECT_EQ(body["priority"], "Warning");
    EXPECT_EQ(body["time"], "2023-11-14T22:13:20.000000000Z");
    EXPECT_FALSE(body["output_fields"].empty());
  }
}

TEST(HttpSinkTest, TextBodyWithoutJsonOutput) {
  HttpReceiver receiver;
  HttpSink sink(options_for(receiver.url()), FormatOptions{});
  ASSERT_TRUE(sink.deliver(sample_alert()).ok);
  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].headers.at("content-type"), "text/plain");
  EXPECT_NE(requests[0].body.find(": Warning hello"), std::string::npos);
}

TEST(HttpSinkTest, Non2xxIsAFailure) {
  HttpReceiver receiver;
  receiver.set_status(500);
  HttpSink sink(options_for(receiver.url()), json_format());
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.error, "http: POST " + receiver.url() + " answered 500");
  receiver.set_status(204);
  EXPECT_TRUE(sink.deliver(sample_alert()).ok);
}

TEST(HttpSinkTest, ReceiverDownIsAFailure) {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/";
  HttpSink sink(options_for(url), json_format());
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("failed"), std::string::npos) << r.error;
}

TEST(HttpSinkTest, SilentReceiverTimesOut) {
  HttpReceiver receiver;
  receiver.set_silent(true);
  HttpSinkOptions o = options_for(receiver.url());
  o.timeout_ms = 300;
  HttpSink sink(o, json_format());
  const auto start = std::chrono::steady_clock::now();
  DeliveryResult r = sink.deliver(sample_alert());
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.error.find("imeout"), std::string::npos) << r.error;
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST(HttpSinkTest, DispatcherDeliversEveryAlertToTheReceiver) {
  HttpReceiver receiver;
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::make_unique<HttpSink>(options_for(receiver.url()), json_format()));
  Dispatcher d(std::move(sinks), quick_retries());
  for (int i = 0; i < 25; ++i) d.enqueue(sample_alert("r", std::to_string(i)));
  ShutdownReport r = d.shutdown(20s);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(r.stats.sinks[0].delivered, 25u);
  auto requests = receiver.requests();
  ASSERT_EQ(requests.size(), 25u);
  for (int i = 0; i < 25; ++i) {
    std::string line = nlohmann::json::parse(requests[i].body)["output"];
    EXPECT_EQ(line.substr(line.find("Warning ") + 8), std::to_string(i));
  }
}

TEST(HttpSinkTest, ReceiverAnswering500LosesAlertsAndReportsThem) {
  HttpReceiver receiver;
  receiver.set_status(500);
  auto other = std::make_shared<testing::FakeSinkState>();
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::make_unique<HttpSink>(options_for(receiver.url()), json_format()));
  sinks.push_back(std::make_unique<testing::FakeSink>("other", other));
  Dispatcher d(std::move(sinks), quick_retries());
  for (int i = 0; i < 3; ++i) d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return d.stats().sinks[0].lost_after_retries == 3; }));
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(other->mu);
    return !other->delivered.empty() && other->delivered.back().internal &&
           other->delivered.back().output_fields["lanner.n_lost_after_retries_total"] == 3;
  }));
  ShutdownReport r = d.shutdown(5s);
  EXPECT_EQ(r.stats.sinks[0].lost_after_retries, 3u);
  EXPECT_EQ(receiver.request_count(), 6u);  // two attempts each
  EXPECT_EQ(other->delivered.back().output_fields["lanner.output"], "http");
}

TEST(HttpSinkTest, ReceiverDownCountsLosses) {
  const std::string url = "http://127.0.0.1:" + std::to_string(testing::closed_port()) + "/";
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::make_unique<HttpSink>(options_for(url), json_format()));
  Dispatcher d(std::move(sinks), quick_retries());
  d.enqueue(sample_alert());
  d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return d.stats().sinks[0].lost_after_retries >= 2; }));
  ShutdownReport r = d.shutdown(5s);
  EXPECT_GE(r.stats.not_delivered(), 2u);
  EXPECT_NE(r.stats.sinks[0].last_error.find("POST"), std::string::npos);
}

TEST(HttpSinkTest, ShutdownAbortsAHangingRequest) {
  HttpReceiver receiver;
  receiver.set_silent(true);
  HttpSinkOptions o = options_for(receiver.url());
  o.timeout_ms = 60000;
  std::vector<std::unique_ptr<AlertSink>> sinks;
  sinks.push_back(std::make_unique<HttpSink>(o, json_format()));
  Dispatcher d(std::move(sinks), quick_retries());
  d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return receiver.request_count() == 1; }));
  const auto start = std::chrono::steady_clock::now();
  ShutdownReport r = d.shutdown(200ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 10s);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(r.stats.sinks[0].undelivered_at_shutdown, 1u);
}

}  // namespace
}  // namespace lanner::output
