// AiLint package-consumer check: AIL0102 must fire on the marked line, and `dotnet format analyzers
// --diagnostics AIL0102` must rewrite DateTime.Now to DateTime.UtcNow. Needs only System.Diagnostics.
using System;
using System.Diagnostics;

namespace AiLintConsumerCheck
{
    public static class SpanClock
    {
        private static readonly ActivitySource Source = new ActivitySource("AiLintConsumerCheck");

        public static void Backdate()
        {
            using var activity = Source.StartActivity("consumer.check");
            activity?.SetStartTime(DateTime.Now); // expect AIL0102
        }
    }
}
