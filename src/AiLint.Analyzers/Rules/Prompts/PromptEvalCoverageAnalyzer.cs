using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.Rules.Prompts
{
    /// <summary>
    /// AIL0301–AIL0304: prompts without eval cases, prompts changed since their cases last passed, instructions no case
    /// exercises, and malformed eval cases. A prompt is a constant string member that is [Prompt]-annotated or passed
    /// directly into an SDK system/instruction slot; because a slot can be anywhere in the compilation, prompt
    /// diagnostics are reported at compilation end (the descriptors carry the CompilationEnd tag).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PromptEvalCoverageAnalyzer : DiagnosticAnalyzer
    {
        internal const string PromptIdProperty = "PromptId";
        internal const string TypeNameProperty = "TypeName";
        internal const string EvalFileProperty = "EvalFile";

        /// <summary>Instruction texts to scaffold todo cases for, separated by '\n' (an instruction never spans lines).</summary>
        internal const string ScaffoldProperty = "Scaffold";

        /// <summary>"true" when the prompt has no instructions: the fix adds one todo case without a rule.</summary>
        internal const string ScaffoldGenericProperty = "ScaffoldGeneric";

        private const int MaxInstructionLengthInMessage = 120;

        private readonly Action<ImmutableArray<PromptCoverage>>? onCoverage;

        /// <summary>Creates the analyzer (the compiler and the IDE use this constructor).</summary>
        public PromptEvalCoverageAnalyzer()
        {
        }

        /// <summary>For the coverage report: receives the coverage of every prompt at the end of each compilation.</summary>
        internal PromptEvalCoverageAnalyzer(Action<ImmutableArray<PromptCoverage>> onCoverage)
        {
            this.onCoverage = onCoverage;
        }

        /// <inheritdoc/>
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.AIL0301, Descriptors.AIL0302, Descriptors.AIL0303, Descriptors.AIL0304);

        /// <inheritdoc/>
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(OnCompilationStart);
        }

        private void OnCompilationStart(CompilationStartAnalysisContext context)
        {
            var options = context.Options;
            var cancellationToken = context.CancellationToken;
            var suite = new Lazy<EvalSuite>(() => EvalSuite.Create(options.AdditionalFiles, cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);

            context.RegisterAdditionalFileAction(fileContext =>
            {
                var path = fileContext.AdditionalFile.Path;
                if (!EvalFileParser.IsEvalFile(path))
                {
                    return;
                }

                foreach (var line in suite.Value.GetMalformed(path))
                {
                    fileContext.ReportDiagnostic(Diagnostic.Create(Descriptors.AIL0304, Location.Create(path, line.Span, line.LineSpan), line.Message));
                }
            });

            var symbols = KnownPromptSymbols.Create(context.Compilation);
            if (symbols.PromptAttribute == null && !symbols.HasAnySlot)
            {
                // Neither AiLint.Annotations nor a known SDK is referenced: nothing can be a prompt.
                return;
            }

            var declarations = new ConcurrentBag<PromptDeclaration>();
            var slotMembers = new ConcurrentDictionary<ISymbol, byte>(SymbolEqualityComparer.Default);

            context.RegisterSyntaxNodeAction(
                nodeContext =>
                {
                    var found = new List<PromptDeclaration>(1);
                    if (nodeContext.Node is FieldDeclarationSyntax field)
                    {
                        PromptDeclaration.Read(field, nodeContext.SemanticModel, symbols, found, nodeContext.CancellationToken);
                    }
                    else if (nodeContext.Node is PropertyDeclarationSyntax property)
                    {
                        PromptDeclaration.Read(property, nodeContext.SemanticModel, symbols, found, nodeContext.CancellationToken);
                    }

                    foreach (var declaration in found)
                    {
                        declarations.Add(declaration);
                    }
                },
                SyntaxKind.FieldDeclaration,
                SyntaxKind.PropertyDeclaration);

            // Each operation kind is registered only when a slot of that shape can exist in this compilation: the kinds
            // are not narrowed by syntax (aliases and target-typed `new` hide the type), but GetSlotArgument and
            // IsSlotProperty never match a slot type the compilation does not reference (Is() is false for a null known
            // type), so a kind with no referenced slot type could only produce nulls. Invocation, the most frequent kind,
            // is then skipped entirely by projects that use MEAI or Anthropic without the OpenAI SDK.
            var kinds = new List<OperationKind>(3);
            if (symbols.OpenAISystemChatMessage != null || symbols.OpenAIDeveloperChatMessage != null || symbols.MeaiChatMessage != null)
            {
                kinds.Add(OperationKind.ObjectCreation);
            }

            if (symbols.OpenAIChatMessage != null || symbols.OpenAIResponseItem != null)
            {
                kinds.Add(OperationKind.Invocation);
            }

            if (symbols.MeaiChatOptions != null || symbols.OpenAICreateResponseOptions != null
                || symbols.AnthropicMessageCreateParams != null || symbols.AnthropicBetaMessageCreateParams != null)
            {
                kinds.Add(OperationKind.SimpleAssignment);
            }

            if (kinds.Count > 0)
            {
                context.RegisterOperationAction(
                    operationContext =>
                    {
                        var value = operationContext.Operation switch
                        {
                            IObjectCreationOperation creation => symbols.GetSlotArgument(creation),
                            IInvocationOperation invocation => symbols.GetSlotArgument(invocation),
                            ISimpleAssignmentOperation assignment => AssignedSlotValue(assignment, symbols),
                            _ => null,
                        };

                        if (value != null && ReferencedMember(value) is { } member)
                        {
                            slotMembers.TryAdd(member, 0);
                        }
                    },
                    kinds.ToArray());
            }

            context.RegisterCompilationEndAction(endContext =>
            {
                var coverages = ImmutableArray.CreateBuilder<PromptCoverage>();
                foreach (var declaration in declarations)
                {
                    if (!declaration.IsAnnotated && !slotMembers.ContainsKey(declaration.Member))
                    {
                        continue;
                    }

                    var coverage = PromptCoverage.Compute(declaration, suite.Value);
                    coverages.Add(coverage);
                    Report(coverage, endContext);
                }

                onCoverage?.Invoke(coverages.ToImmutable());
            });
        }

        private static IOperation? AssignedSlotValue(ISimpleAssignmentOperation assignment, KnownPromptSymbols symbols)
        {
            if (!(assignment.Target is IPropertyReferenceOperation target) || !symbols.IsSlotProperty(target.Property))
            {
                return null;
            }

            var value = KnownPromptSymbols.Unwrap(assignment.Value);

            // Anthropic's System is a union type: `new MessageCreateParamsSystem(prompt)` is the explicit form of the conversion.
            if (value is IObjectCreationOperation creation
                && SymbolEqualityComparer.Default.Equals(creation.Type, target.Property.Type)
                && creation.Arguments.Length > 0
                && creation.Arguments[0].Parameter?.Type.SpecialType == SpecialType.System_String)
            {
                return creation.Arguments[0].Value;
            }

            return value;
        }

        /// <summary>The field or static property passed directly (through conversions only) into a slot.</summary>
        private static ISymbol? ReferencedMember(IOperation value)
        {
            switch (KnownPromptSymbols.Unwrap(value))
            {
                case IFieldReferenceOperation field:
                    return field.Field.OriginalDefinition;
                case IPropertyReferenceOperation property when property.Property.IsStatic:
                    return property.Property.OriginalDefinition;
                default:
                    return null;
            }
        }

        private static void Report(PromptCoverage coverage, CompilationAnalysisContext context)
        {
            var declaration = coverage.Declaration;
            if (coverage.HasNoCases)
            {
                var scaffold = new List<string>();
                foreach (var instruction in coverage.Instructions)
                {
                    if (!instruction.IsCovered && !instruction.HasTodoCase)
                    {
                        scaffold.Add(instruction.Instruction.Text);
                    }
                }

                var generic = coverage.Instructions.IsEmpty && coverage.Cases.IsEmpty;
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AIL0301,
                    declaration.Location,
                    FixProperties(coverage, scaffold, generic),
                    declaration.Id));
            }

            if (coverage.IsStale)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AIL0302,
                    declaration.Location,
                    declaration.Id,
                    coverage.RecordedPasses.ToString(CultureInfo.InvariantCulture),
                    coverage.Hash));
            }

            foreach (var instruction in coverage.Instructions)
            {
                if (instruction.IsCovered)
                {
                    continue;
                }

                var scaffold = instruction.HasTodoCase ? new List<string>() : new List<string> { instruction.Instruction.Text };
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.AIL0303,
                    instruction.Location,
                    FixProperties(coverage, scaffold, generic: false),
                    ForMessage(instruction.Instruction.Text),
                    declaration.Id));
            }
        }

        private static ImmutableDictionary<string, string?> FixProperties(PromptCoverage coverage, List<string> scaffold, bool generic)
        {
            var builder = ImmutableDictionary.CreateBuilder<string, string?>();
            builder.Add(PromptIdProperty, coverage.Id);
            builder.Add(TypeNameProperty, coverage.Declaration.TypeName);
            builder.Add(EvalFileProperty, coverage.EvalFilePath);
            if (scaffold.Count > 0)
            {
                builder.Add(ScaffoldProperty, string.Join("\n", scaffold));
            }

            if (generic)
            {
                builder.Add(ScaffoldGenericProperty, "true");
            }

            return builder.ToImmutable();
        }

        internal static string ForMessage(string instruction)
        {
            var text = PromptInstructions.NormalizeWhitespace(instruction);
            return text.Length <= MaxInstructionLengthInMessage ? text : text.Substring(0, MaxInstructionLengthInMessage - 3) + "...";
        }
    }
}
