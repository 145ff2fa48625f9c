using System;
using System.Collections.Generic;
using AiLint.Analyzers.Gating;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Models
{
    /// <summary>
    /// One member's model ids and sampling parameters. Model ids are checked where they enter a model slot. An options
    /// object's sampling parameters are checked against the model when the member shows which model it goes to: its
    /// own <c>Model</c>/<c>ModelId</c>, or the client it is passed to, created in the same member with a known id.
    /// </summary>
    internal sealed partial class ModelUses
    {
        private readonly ModelTable table;
        private readonly KnownModelSymbols symbols;
        private readonly Func<string, bool> isConfigured;
        private readonly LinkedSettingsValues? linkedValues;

        // The raw-HTTP reader of the compilation, when it has one: an interface default the implementation posts raw.
        private RawHttpModelIds? rawHttp;

        // Keys are locals (an options object or a client held in a local) or the creating operation itself. Allocated on
        // first use: most members hold no model id at all.
        private Dictionary<object, ModelRow>? modelOf;
        private Dictionary<object, List<SamplingSetting>>? samplingOf;

        // Semantic Kernel in one member (Program.cs): the chat completion services it registers (the rest of its state is
        // in the companion, ModelUses.Rare.cs; what only the member's end reads, in ModelUses.SecondWalk.cs).
        private int kernelRegistrations;

        // The model slot being checked (an argument or a property assignment): the branch it sits in may rule out arms
        // of a switch that picked its id (SlotGuards).
        private IOperation? slot;

        private ModelUses(ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, LinkedSettingsValues? linkedValues)
        {
            this.table = table;
            this.symbols = symbols;
            this.isConfigured = isConfigured;
            this.linkedValues = linkedValues;
        }

        /// <summary>
        /// Analyses one member: visits its operations in the driver's order (each block's DescendantsAndSelf), looks
        /// only at the three kinds of operation it needs, and decides AIL0504/AIL0505 when the member is done. A
        /// settings default is skipped when <c>isConfigured</c> says the app's settings files give its key a value: the
        /// configured value, checked in the file, is the id the app sends.
        /// </summary>
        /// <remarks>
        /// <paramref name="rawHttp"/>, when given, checks each invocation of the same walk as a raw HTTP request
        /// (<see cref="RawHttpModelIds"/>): its findings do not depend on this member's other operations, and one walk
        /// instead of two halves the enumeration of the member's operations. A body's <c>model</c> value is read by
        /// <see cref="CheckModelId"/>, as an SDK slot's is (<see cref="RawValueCheck"/>).
        /// </remarks>
        public static void Analyze(MemberBlocksContext member, ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, LinkedSettingsValues? linkedValues = null, RawHttpModelIds? rawHttp = null)
        {
            var uses = new ModelUses(table, symbols, isConfigured, linkedValues) { rawHttp = rawHttp, blocks = member.OperationBlocks };
            var report = member.Report;
            var cancellationToken = member.CancellationToken;
            foreach (var block in member.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                            var invocation = (IInvocationOperation)operation;
                            if (IsChatServiceRegistration(invocation, symbols))
                            {
                                uses.kernelRegistrations++;
                            }

                            uses.CheckModelArguments(invocation, invocation.Arguments, report, cancellationToken);
                            uses.CheckHelperArguments(invocation, report, cancellationToken);
                            uses.CheckReferencedModelParameters(invocation, invocation.TargetMethod, invocation.Arguments, report, cancellationToken);
                            uses.CheckChainedConstructorArguments(invocation, report, cancellationToken);
                            uses.RememberClone(invocation);
                            if (rawHttp != null && rawHttp.IsCandidate(invocation))
                            {
                                rawHttp.CheckRequest(invocation, member.Compilation, table, uses.RawValueCheck(rawHttp, report, cancellationToken), report, cancellationToken);
                            }
                            break;
                        case OperationKind.ObjectCreation:
                            var creation = (IObjectCreationOperation)operation;
                            if (symbols.IsChatCompletionService(creation.Type))
                            {
                                // new OpenAIChatCompletionService(...) handed to AddKeyedSingleton: one more service the kernel may pick.
                                uses.kernelRegistrations++;
                            }

                            uses.CheckModelArguments(creation, creation.Arguments, report, cancellationToken);
                            if (creation.Constructor is { } constructor)
                            {
                                uses.CheckReferencedModelParameters(creation, constructor, creation.Arguments, report, cancellationToken);
                                uses.CheckConstructorArguments(creation, report, cancellationToken);
                            }

                            break;
                        case OperationKind.SimpleAssignment:
                            if (operation is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                            {
                                uses.CheckPropertyAssignment(assignment, property, report, cancellationToken);
                            }
                            else if (operation is ISimpleAssignmentOperation { Target: IFieldReferenceOperation } fieldAssignment)
                            {
                                uses.CheckStoredParameterDefault(fieldAssignment, report, cancellationToken);
                            }

                            break;
                    }
                }
            }

            uses.CheckFixtureRequests(report, cancellationToken);
            uses.CheckSampling(report, cancellationToken);
        }

        /// <summary>
        /// The raw HTTP requests of one member of an app that references no SDK with a model slot (<see cref="RawHttpModelIds"/>):
        /// only the invocations are visited, and a body's <c>model</c> value is read as <see cref="Analyze"/> reads it.
        /// </summary>
        public static void AnalyzeRawRequests(MemberBlocksContext member, ModelTable table, KnownModelSymbols symbols, Func<string, bool> isConfigured, RawHttpModelIds rawHttp)
        {
            ModelUses? uses = null;
            foreach (var block in member.OperationBlocks)
            {
                foreach (var operation in block.DescendantsAndSelf())
                {
                    if (operation is IInvocationOperation invocation && rawHttp.IsCandidate(invocation))
                    {
                        // A constant handed to a helper that posts it as a body's model (review88 M1), an omitted
                        // interface default; then the request itself.
                        uses ??= new ModelUses(table, symbols, isConfigured, linkedValues: null) { rawHttp = rawHttp };
                        uses.CheckHelperArguments(invocation, member.Report, member.CancellationToken);
                        rawHttp.CheckRequest(invocation, member.Compilation, table, uses.RawValueCheck(rawHttp, member.Report, member.CancellationToken), member.Report, member.CancellationToken);
                    }
                    else if (operation is IObjectCreationOperation { Constructor: not null } creation)
                    {
                        // new OpenAIProvider(http, key, "gpt-4o-mini"): a provider class of the project that posts raw (review81 U-1).
                        uses ??= new ModelUses(table, symbols, isConfigured, linkedValues: null) { rawHttp = rawHttp };
                        uses.CheckConstructorArguments(creation, member.Report, member.CancellationToken);
                    }
                    else if (operation is IInvocationOperation { TargetMethod.MethodKind: MethodKind.Constructor } chained)
                    {
                        // : this(http, "claude-3-haiku-20240307") into such a class's storing constructor.
                        uses ??= new ModelUses(table, symbols, isConfigured, linkedValues: null) { rawHttp = rawHttp };
                        uses.CheckChainedConstructorArguments(chained, member.Report, member.CancellationToken);
                    }
                }
            }
        }
    }
}
