// Package tfresource is what every atlasmini resource, data source and
// list resource shares, written once: the client from provider data, API
// errors as diagnostics, what to do about a 404 the API did not confirm,
// waiting for an object to reach a state or to go, import IDs in the slash
// form and in MongoDB's hyphen form, resource identity, plan and state
// conversion without the framework's reflection, and the small catalogs
// (project ID rule, Markdown lists) that descriptions and validators share,
// and the data source that lists the connections or processors of an
// instance.
package tfresource
