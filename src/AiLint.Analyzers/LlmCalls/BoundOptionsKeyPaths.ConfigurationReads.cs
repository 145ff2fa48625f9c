using System.Linq;
using System.Threading;
using AiLint.Analyzers.Rules.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AiLint.Analyzers.LlmCalls
{
    // Reads of the configuration itself: the key a configuration read names, and the path of a section, also through a
    // local that holds the section (var section = configuration.GetSection("AI"); section.Get<AiSettings>()).
    internal sealed partial class BoundOptionsKeyPaths
    {
        // Locals followed back through locals at most this deep (var a = b; var b = configuration.GetSection(...)).
        private const int MaxLocalDepth = 4;

        /// <summary>
        /// The settings key path <paramref name="value"/> comes from: a configuration read (<see cref="ConfigurationKeyPathOf"/>)
        /// or a settings object's property (<see cref="PathOf"/>), also through a local that holds it
        /// (<c>var model = ai.Model;</c>); null when neither is known.
        /// </summary>
        public string? KeyPathOf(IOperation value, CancellationToken cancellationToken)
        {
            value = Followed(value, cancellationToken);
            return ConfigurationKeyPathOf(value, cancellationToken) ?? (value.Syntax.ContainsDiagnostics ? null : PathOf(value, cancellationToken));
        }

        /// <summary>
        /// The full key a read of the configuration names: <c>configuration["Prompts:System"]</c>,
        /// <c>configuration.GetSection("OpenAI")["SystemPrompt"]</c>, <c>configuration.GetSection("OpenAI:SystemPrompt").Value</c>,
        /// <c>configuration.GetValue&lt;string&gt;("OpenAI:SystemPrompt")</c>. Null when a key or section is not constant, or
        /// the configuration read is a section the code was handed (an <c>IConfigurationSection</c> parameter: its path is
        /// not known here).
        /// </summary>
        public string? ConfigurationKeyPathOf(IOperation read, CancellationToken cancellationToken)
        {
            switch (ModelIdValue.Unwrap(read))
            {
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } configured } indexer when IsConfiguration(configured.Type):
                    return Join(SectionPathOf(configured, cancellationToken), indexer.Arguments[0].Value.ConstantValue.Value as string);
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } section } when IsSection(section.Type):
                    return SectionPathOf(section, cancellationToken) is { Length: > 0 } path ? path : null;
                case IInvocationOperation { TargetMethod.Name: "GetValue" } invocation when SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, binder):
                    string? key = null;
                    IOperation? instance = null;
                    foreach (var argument in invocation.Arguments)
                    {
                        switch (argument.Parameter?.Name)
                        {
                            case "key":
                                key = argument.Value.ConstantValue.Value as string;
                                break;
                            case "configuration":
                                instance = argument.Value;
                                break;
                        }
                    }

                    return instance == null ? null : Join(SectionPathOf(instance, cancellationToken), key);
                default:
                    return null;
            }
        }

        /// <summary>
        /// The section path of a configuration object: empty for the whole configuration (an <c>IConfiguration</c>, a
        /// <c>ConfigurationManager</c>), <c>OpenAI</c> for <c>configuration.GetSection("OpenAI")</c> or
        /// <c>GetRequiredSection("OpenAI")</c>, nested sections joined by ':', also when a local the code never reassigns
        /// holds it; null for anything else (a section the code was handed, a path that is not a constant).
        /// </summary>
        public string? SectionPathOf(IOperation instance, CancellationToken cancellationToken)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // chained GetSection calls are the user's
            instance = Followed(instance, cancellationToken);
            if (instance is IInvocationOperation { TargetMethod.Name: "GetSection", Instance: { } parent, Arguments.Length: 1 } getSection
                && IsConfiguration(parent.Type))
            {
                return Join(SectionPathOf(parent, cancellationToken), getSection.Arguments[0].Value.ConstantValue.Value as string);
            }

            // configuration.GetRequiredSection("OpenAI"): an extension method, its receiver the first argument.
            if (instance is IInvocationOperation { TargetMethod.Name: "GetRequiredSection", Instance: null, Arguments.Length: 2 } required
                && IsConfiguration(required.Arguments[0].Value.Type))
            {
                return Join(SectionPathOf(required.Arguments[0].Value, cancellationToken), required.Arguments[1].Value.ConstantValue.Value as string);
            }

            return instance is not ILocalReferenceOperation && IsConfiguration(instance.Type) && !IsSection(instance.Type) ? string.Empty : null;
        }

        /// <summary>
        /// <paramref name="value"/> without conversions, and for a local the code assigns only where it declares it, the
        /// value it is declared with (a few locals deep); any other local is returned as it is.
        /// </summary>
        public IOperation Followed(IOperation value, CancellationToken cancellationToken)
        {
            value = ModelIdValue.Unwrap(value);
            for (var depth = 0; depth < MaxLocalDepth && value is ILocalReferenceOperation { Local: { } local }; depth++)
            {
                if (local.DeclaringSyntaxReferences.Length != 1
                    || local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                    || IsReassigned(declarator, local.Name)
                    || SourceBodies.GetOperation(initializer, compilation, cancellationToken) is not IVariableInitializerOperation { Value: { } initial })
                {
                    return value;
                }

                value = ModelIdValue.Unwrap(initial);
            }

            return value;
        }

        // Whether the block that declares the local assigns it again, or hands it to a ref or out parameter (syntax only:
        // a same-named local of a nested scope makes it look reassigned, which only loses a reading).
        private static bool IsReassigned(VariableDeclaratorSyntax declarator, string name)
        {
            var scope = declarator.Ancestors().FirstOrDefault(node => node is BlockSyntax or CompilationUnitSyntax or SwitchSectionSyntax);
            if (scope == null)
            {
                return true;
            }

            foreach (var node in scope.DescendantNodes())
            {
                switch (node)
                {
                    case AssignmentExpressionSyntax { Left: IdentifierNameSyntax left } when left.Identifier.ValueText == name:
                    case ArgumentSyntax { Expression: IdentifierNameSyntax argument } byReference when argument.Identifier.ValueText == name && !byReference.RefKindKeyword.IsKind(SyntaxKind.None):
                        return true;
                }
            }

            return false;
        }

        private static string? Join(string? path, string? key) =>
            path == null || string.IsNullOrEmpty(key) ? null : path.Length == 0 ? key : path + ":" + key;

        private bool IsConfiguration(ITypeSymbol? type) => Implements(type, configuration);

        private bool IsSection(ITypeSymbol? type) => Implements(type, configurationSection);

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol? known) =>
            type != null && known != null
            && (SymbolEqualityComparer.Default.Equals(type, known) || type.AllInterfaces.Contains(known, SymbolEqualityComparer.Default));
    }
}
