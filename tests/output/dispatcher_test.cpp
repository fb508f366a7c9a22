#include "output/dispatcher.h"

#include <gtest/gtest.h>

#include "output/fake_sink.h"
#include "output/test_util.h"

namespace lanner::output {
namespace {

using testing::eventually;
using testing::FakeSink;
using testing::FakeSinkState;
using testing::sample_alert;
using namespace std::chrono_literals;

struct SinkSet {
  std::vector<std::shared_ptr<FakeSinkState>> states;
  std::vector<std::unique_ptr<AlertSink>> sinks;

  std::shared_ptr<FakeSinkState> add(const std::string& name) {
    auto state = std::make_shared<FakeSinkState>();
    states.push_back(state);
    sinks.push_back(std::make_unique<FakeSink>(name, state));
    return state;
  }
};

DispatcherOptions fast_options() {
  DispatcherOptions o;
  o.queue_capacity = 100;
  o.max_attempts = 3;
  o.initial_backoff = 1ms;
  o.max_backoff = 4ms;
  o.loss_report_interval = 10ms;
  o.hostname = "h";
  return o;
}

const SinkStats& by_name(const DispatcherStats& s, const std::string& name) {
  for (const auto& sink : s.sinks) {
    if (sink.name == name) return sink;
  }
  throw std::runtime_error("no sink " + name);
}

TEST(DispatcherTest, DeliversEveryAlertToEverySinkInOrder) {
  SinkSet setup;
  auto a = setup.add("a");
  auto b = setup.add("b");
  Dispatcher d(std::move(setup.sinks), fast_options());
  for (int i = 0; i < 50; ++i) EXPECT_TRUE(d.enqueue(sample_alert("r", std::to_string(i))));
  ShutdownReport report = d.shutdown(10s);
  EXPECT_TRUE(report.complete);
  ASSERT_EQ(a->delivered.size(), 50u);
  ASSERT_EQ(b->delivered.size(), 50u);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(a->delivered[i].output, std::to_string(i));
  EXPECT_EQ(by_name(report.stats, "a").delivered, 50u);
  EXPECT_EQ(report.stats.not_delivered(), 0u);
}

TEST(DispatcherTest, BlockedSinkDoesNotBlockEnqueueOrOtherSinks) {
  SinkSet setup;
  auto slow = setup.add("slow");
  auto fast = setup.add("fast");
  slow->gate_closed = true;  // deliveries hang until the gate opens
  Dispatcher d(std::move(setup.sinks), fast_options());
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 50; ++i) d.enqueue(sample_alert());
  const auto enqueue_time = std::chrono::steady_clock::now() - start;
  // Every enqueue returned while the slow sink was stuck; the fast sink got everything.
  EXPECT_TRUE(eventually([&] { return fast->delivered_count() == 50; }));
  EXPECT_EQ(slow->delivered_count(), 0u);
  EXPECT_LT(enqueue_time, 2s);  // generous: the point is that it did not wait for the gate
  slow->open_gate();
  EXPECT_TRUE(d.shutdown(10s).complete);
  EXPECT_EQ(slow->delivered.size(), 50u);
}

TEST(DispatcherTest, SlowSinkEnqueueCostIsSmallComparedToDeliveryDelay) {
  SinkSet setup;
  auto slow = setup.add("slow");
  slow->delay = 20ms;
  Dispatcher d(std::move(setup.sinks), fast_options());
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) d.enqueue(sample_alert());
  const auto enqueue_time = std::chrono::steady_clock::now() - start;
  EXPECT_LT(enqueue_time, 20 * 20ms / 2);  // far less than the 400 ms the sink needs
  EXPECT_TRUE(d.shutdown(30s).complete);
  EXPECT_EQ(slow->delivered.size(), 20u);
}

TEST(DispatcherTest, FullQueueCountsDropsForThatSinkOnly) {
  SinkSet setup;
  auto blocked = setup.add("blocked");
  auto free_sink = setup.add("free");
  blocked->gate_closed = true;
  DispatcherOptions o = fast_options();
  o.queue_capacity = 5;
  o.loss_report_interval = 1h;  // no internal alerts in this test
  Dispatcher d(std::move(setup.sinks), o);
  d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return blocked->entered_count() == 1; }));  // worker holds alert 1
  ASSERT_TRUE(eventually([&] { return free_sink->delivered_count() == 1; }));
  int accepted = 0;
  for (int i = 0; i < 20; ++i) {  // paced, so that only the blocked sink's queue fills up
    accepted += d.enqueue(sample_alert()) ? 1 : 0;
    ASSERT_TRUE(eventually([&] { return free_sink->delivered_count() == static_cast<size_t>(i + 2); }));
  }
  EXPECT_EQ(accepted, 5);
  DispatcherStats s = d.stats();
  EXPECT_EQ(by_name(s, "blocked").dropped_queue_full, 15u);
  EXPECT_EQ(by_name(s, "blocked").queue_depth, 5u);
  EXPECT_EQ(by_name(s, "blocked").queue_high_water, 5u);
  EXPECT_EQ(by_name(s, "free").dropped_queue_full, 0u);
  blocked->open_gate();
  ShutdownReport r = d.shutdown(10s);
  EXPECT_EQ(blocked->delivered.size(), 6u);
  ASSERT_EQ(free_sink->delivered.size(), 22u);  // 21 alerts + the loss report made at shutdown
  EXPECT_EQ(free_sink->delivered.back().output_fields["lanner.n_dropped_queue_full_total"], 15);
  EXPECT_EQ(r.stats.not_delivered(), 15u);
}

TEST(DispatcherTest, FailingSinkRetriesWithBackoffThenCountsLost) {
  SinkSet setup;
  auto bad = setup.add("bad");
  bad->fail_always = true;
  DispatcherOptions o = fast_options();
  o.loss_report_interval = 1h;
  Dispatcher d(std::move(setup.sinks), o);
  d.enqueue(sample_alert());
  d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return by_name(d.stats(), "bad").lost_after_retries == 2; }));
  SinkStats s = by_name(d.stats(), "bad");
  EXPECT_EQ(s.retries, 4u);  // 3 attempts per alert
  EXPECT_EQ(s.delivered, 0u);
  EXPECT_EQ(s.last_error, "bad: simulated failure");
  {
    std::lock_guard lock(bad->mu);
    EXPECT_EQ(bad->attempts, 6);
  }
  d.shutdown(1s);
}

TEST(DispatcherTest, TransientFailureIsRetriedAndDelivered) {
  SinkSet setup;
  auto flaky = setup.add("flaky");
  flaky->fail_first = 2;
  Dispatcher d(std::move(setup.sinks), fast_options());
  d.enqueue(sample_alert());
  ShutdownReport r = d.shutdown(10s);
  EXPECT_EQ(flaky->delivered.size(), 1u);
  EXPECT_EQ(by_name(r.stats, "flaky").retries, 2u);
  EXPECT_EQ(by_name(r.stats, "flaky").lost_after_retries, 0u);
}

TEST(DispatcherTest, LossesBecomeInternalAlertsOnTheOtherSinks) {
  SinkSet setup;
  auto bad = setup.add("bad");
  auto good = setup.add("good");
  bad->fail_always = true;
  Dispatcher d(std::move(setup.sinks), fast_options());
  d.enqueue(sample_alert("Real rule"));
  ASSERT_TRUE(eventually([&] { return good->delivered_count() == 2; }));
  std::this_thread::sleep_for(50ms);  // several report intervals: no new losses, no new reports
  EXPECT_EQ(d.stats().internal_alerts, 1u);
  d.shutdown(1s);
  const Alert& internal = good->delivered[1];
  EXPECT_EQ(internal.rule, "lanner internal: alerts dropped");
  EXPECT_EQ(internal.source, "internal");
  EXPECT_TRUE(internal.internal);
  EXPECT_EQ(internal.hostname, "h");
  EXPECT_EQ(internal.output_fields["lanner.output"], "bad");
  EXPECT_EQ(internal.output_fields["lanner.n_not_delivered"], 1);
  EXPECT_EQ(internal.output_fields["lanner.n_lost_after_retries_total"], 1);
  EXPECT_EQ(internal.output,
            "1 alert(s) could not be delivered to output 'bad' (dropped_queue_full=0 "
            "lost_after_retries=1 in total); last error: bad: simulated failure");
  EXPECT_GE(d.stats().internal_alerts, 1u);
  // The failing sink never got its own report (it goes to the others).
  for (const auto& a : good->delivered) EXPECT_NE(a.output_fields.value("lanner.output", ""), "good");
}

TEST(DispatcherTest, QueueDropsAreSummarisedInOneReport) {
  SinkSet setup;
  auto blocked = setup.add("blocked");
  auto good = setup.add("good");
  blocked->gate_closed = true;
  DispatcherOptions o = fast_options();
  o.queue_capacity = 1;
  o.loss_report_interval = 1h;  // only the final report at shutdown
  Dispatcher d(std::move(setup.sinks), o);
  d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return blocked->entered_count() == 1; }));
  ASSERT_TRUE(eventually([&] { return good->delivered_count() == 1; }));
  for (int i = 0; i < 10; ++i) {  // 1 queued, 9 dropped; paced so "good" never overflows
    d.enqueue(sample_alert());
    ASSERT_TRUE(eventually([&] { return good->delivered_count() == static_cast<size_t>(i + 2); }));
  }
  EXPECT_EQ(d.stats().internal_alerts, 0u);
  blocked->open_gate();
  d.shutdown(10s);
  EXPECT_EQ(d.stats().internal_alerts, 1u);  // nine drops, one report
  EXPECT_EQ(blocked->delivered.size(), 2u);
  ASSERT_EQ(good->delivered.size(), 12u);
  EXPECT_EQ(good->delivered.back().output_fields["lanner.n_dropped_queue_full_total"], 9);
}

TEST(DispatcherTest, LoneSinkGetsItsOwnReport) {
  SinkSet setup;
  auto flaky = setup.add("only");
  flaky->fail_first = 3;  // the first alert is lost, later deliveries work
  Dispatcher d(std::move(setup.sinks), fast_options());
  d.enqueue(sample_alert("Real rule"));
  ASSERT_TRUE(eventually([&] { return flaky->delivered_count() == 1; }));
  d.shutdown(1s);
  EXPECT_EQ(flaky->delivered[0].rule, "lanner internal: alerts dropped");
}

TEST(DispatcherTest, ShutdownDeadlineCancelsAStuckSinkAndReportsWhatIsLeft) {
  SinkSet setup;
  auto stuck = setup.add("stuck");
  stuck->gate_closed = true;
  DispatcherOptions o = fast_options();
  o.loss_report_interval = 1h;
  Dispatcher d(std::move(setup.sinks), o);
  for (int i = 0; i < 3; ++i) d.enqueue(sample_alert());
  ASSERT_TRUE(eventually([&] { return stuck->entered_count() == 1; }));
  const auto start = std::chrono::steady_clock::now();
  ShutdownReport r = d.shutdown(100ms);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_FALSE(r.complete);
  EXPECT_EQ(by_name(r.stats, "stuck").undelivered_at_shutdown, 3u);
  EXPECT_EQ(r.stats.not_delivered(), 3u);
  EXPECT_NE(r.stats.summary().find("output stuck: delivered=0"), std::string::npos);
  // A second call returns the same report; enqueue after shutdown is a counted drop.
  EXPECT_FALSE(d.shutdown(1s).complete);
  EXPECT_FALSE(d.enqueue(sample_alert()));
  EXPECT_EQ(by_name(d.stats(), "stuck").dropped_queue_full, 1u);
}

TEST(DispatcherTest, ShutdownDrainsQueuesWithinDeadline) {
  SinkSet setup;
  auto slow = setup.add("slow");
  slow->delay = 2ms;
  Dispatcher d(std::move(setup.sinks), fast_options());
  for (int i = 0; i < 30; ++i) d.enqueue(sample_alert());
  ShutdownReport r = d.shutdown(30s);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(slow->delivered.size(), 30u);
}

TEST(DispatcherTest, ConcurrentEnqueueFromManyThreads) {
  SinkSet setup;
  auto a = setup.add("a");
  auto b = setup.add("b");
  DispatcherOptions o = fast_options();
  o.queue_capacity = 100000;
  Dispatcher d(std::move(setup.sinks), o);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&d, t] {
      for (int i = 0; i < 1000; ++i) d.enqueue(sample_alert("r", std::to_string(t)));
    });
  }
  for (auto& t : threads) t.join();
  ShutdownReport r = d.shutdown(30s);
  EXPECT_TRUE(r.complete);
  EXPECT_EQ(a->delivered.size(), 4000u);
  EXPECT_EQ(b->delivered.size(), 4000u);
  EXPECT_EQ(r.stats.not_delivered(), 0u);
}

TEST(DispatcherTest, ReopenIsForwardedToEverySink) {
  SinkSet setup;
  auto a = setup.add("a");
  Dispatcher d(std::move(setup.sinks), fast_options());
  d.request_reopen();
  ASSERT_TRUE(eventually([&] {
    std::lock_guard lock(a->mu);
    return a->reopens == 1;
  }));
  d.shutdown(1s);
}

}  // namespace
}  // namespace lanner::output
