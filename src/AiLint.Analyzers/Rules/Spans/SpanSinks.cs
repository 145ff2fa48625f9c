using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Spans
{
    /// <summary>What a timestamp argument stamps: the fixer names the client's tag after it.</summary>
    internal enum SinkRole
    {
        Start,
        End,
        Event,
        Exception,
    }

    /// <summary>One timestamp argument of a span API call (see docs/design/sdk-facts.md section G).</summary>
    internal readonly struct SpanSink
    {
        public SpanSink(IArgumentOperation argument, string typeName, string displayName, SinkRole role, bool ignoresNonUtc)
        {
            Argument = argument;
            TypeName = typeName;
            DisplayName = displayName;
            Role = role;
            IgnoresNonUtc = ignoresNonUtc;
        }

        public IArgumentOperation Argument { get; }

        /// <summary>"Activity", "ActivitySource", "ActivityEvent", "Tracer" or "TelemetrySpan".</summary>
        public string TypeName { get; }

        /// <summary>"Activity.SetStartTime", "Tracer.StartActiveSpan", "new ActivityEvent" ...</summary>
        public string DisplayName { get; }

        public SinkRole Role { get; }

        /// <summary>True for Activity.SetStartTime/SetEndTime, which drop a DateTime whose Kind is not Utc.</summary>
        public bool IgnoresNonUtc { get; }
    }

    internal static class SpanSinks
    {
        /// <summary>Finds the explicit timestamp argument of a span API invocation or <c>new ActivityEvent(...)</c>.</summary>
        public static bool TryGetSink(IOperation operation, KnownSpanSymbols symbols, out SpanSink sink)
        {
            sink = default;
            IMethodSymbol? method;
            System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    method = invocation.TargetMethod;
                    arguments = invocation.Arguments;
                    break;
                case IObjectCreationOperation creation when creation.Constructor is { } ctor
                    && SymbolEqualityComparer.Default.Equals(ctor.ContainingType, symbols.ActivityEvent):
                    method = ctor;
                    arguments = creation.Arguments;
                    break;
                default:
                    return false;
            }

            if (!TryClassify(method, symbols, out var role, out var ignoresNonUtc))
            {
                return false;
            }

            foreach (var argument in arguments)
            {
                // Omitted optional arguments (startTime = default) mean "now": nothing to check.
                if (argument.IsImplicit || argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter is null
                    || !symbols.IsTimeType(argument.Parameter.Type))
                {
                    continue;
                }

                var name = method.MethodKind == MethodKind.Constructor
                    ? "new " + method.ContainingType.Name
                    : method.ContainingType.Name + "." + method.Name;
                sink = new SpanSink(argument, method.ContainingType.Name, name, role, ignoresNonUtc);
                return true;
            }

            return false;
        }

        private static bool TryClassify(IMethodSymbol method, KnownSpanSymbols symbols, out SinkRole role, out bool ignoresNonUtc)
        {
            role = SinkRole.Start;
            ignoresNonUtc = false;

            // Every method this classifies is named below (constructors: ".ctor"). The string switch rejects the
            // ordinary call without the five symbol comparisons that follow; it is run on every invocation of every
            // analysed block.
            switch (method.Name)
            {
                case "SetStartTime":
                case "SetEndTime":
                case "AddException":
                case "StartActivity":
                case "CreateActivity":
                case WellKnownMemberNames.InstanceConstructorName:
                case "StartSpan":
                case "StartActiveSpan":
                case "StartRootSpan":
                case "AddEvent":
                case "End":
                    break;
                default:
                    return false;
            }

            var type = method.ContainingType;
            var comparer = SymbolEqualityComparer.Default;
            if (comparer.Equals(type, symbols.Activity))
            {
                switch (method.Name)
                {
                    case "SetStartTime":
                        ignoresNonUtc = true;
                        return true;
                    case "SetEndTime":
                        role = SinkRole.End;
                        ignoresNonUtc = true;
                        return true;
                    case "AddException":
                        role = SinkRole.Exception;
                        return true;
                }

                return false;
            }

            if (comparer.Equals(type, symbols.ActivitySource))
            {
                return method.Name == "StartActivity" || method.Name == "CreateActivity";
            }

            if (comparer.Equals(type, symbols.ActivityEvent))
            {
                role = SinkRole.Event;
                return method.MethodKind == MethodKind.Constructor;
            }

            if (comparer.Equals(type, symbols.Tracer))
            {
                return method.Name == "StartSpan" || method.Name == "StartActiveSpan" || method.Name == "StartRootSpan";
            }

            if (comparer.Equals(type, symbols.TelemetrySpan))
            {
                switch (method.Name)
                {
                    case "AddEvent":
                        role = SinkRole.Event;
                        return true;
                    case "End":
                        role = SinkRole.End;
                        return true;
                }
            }

            return false;
        }
    }
}
