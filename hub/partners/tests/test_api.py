

def test_api_refuses_ids_beyond_64_bits_with_422_not_500(client):
    huge = "1013420816850753079610441728"
    response = client.get("/api/v1/agreements", {"organization": huge})
    assert response.status_code == 422
    assert "organization" in str(response.json())
    assert client.get(f"/api/v1/agreements/{huge}").status_code == 422
    assert client.get(f"/api/v1/solutions/{huge}").status_code == 422
    assert client.get(f"/api/v1/practices/{huge}").status_code == 422
