"""Ready-made CI set-ups and a CODEOWNERS example for pact repositories, shipped inside the
package as `pactecli.examples` so that `pacte init` copies them as they are."""
