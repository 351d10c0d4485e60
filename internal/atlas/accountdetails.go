package atlas

import (
	"context"
	"net/http"
	"net/url"
)

// AccountDetailsMediaType is the media type of account details and of the
// active VPC peering list.
const AccountDetailsMediaType = "application/vnd.atlas.2024-11-13+json"

// AccountDetails is the cloud account and network of a project's stream
// processing in one provider and region: AWS, Azure or GCP members, and
// the CIDR block. Members of other providers are empty.
type AccountDetails struct {
	CloudProvider       string `json:"cloudProvider"`
	AWSAccountID        string `json:"awsAccountId"`
	VpcID               string `json:"vpcId"`
	AzureSubscriptionID string `json:"azureSubscriptionId"`
	VirtualNetworkName  string `json:"virtualNetworkName"`
	GCPProjectID        string `json:"gcpProjectId"`
	VpcNetworkName      string `json:"vpcNetworkName"`
	CidrBlock           string `json:"cidrBlock"`
}

// GetAccountDetails reads the account details of a provider (aws, azure or
// gcp) in an Atlas cluster region (US_EAST_1).
func (c *Client) GetAccountDetails(ctx context.Context, groupID, provider, regionName string) (*AccountDetails, error) {
	var out AccountDetails
	q := url.Values{"cloudProvider": {provider}, "regionName": {regionName}}
	if err := c.call(ctx, AccountDetailsMediaType, http.MethodGet, streamsPath(groupID)+"/accountDetails", q, nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}
